-- Revert chaindb:trace/calculate_trust_score from pg

BEGIN;

DROP FUNCTION trace.calculate_product_trust_score(bigint);
DROP FUNCTION trace.calculate_trust_score(bigint);

COMMIT;
