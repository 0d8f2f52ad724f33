-- Revert chaindb:compliance/check_product_compliance from pg

BEGIN;

DROP FUNCTION compliance.check_product_compliance(bigint);

COMMIT;
