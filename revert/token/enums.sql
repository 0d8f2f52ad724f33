-- Revert chaindb:token/enums from pg

BEGIN;

DROP TYPE token.pool_type;
DROP TYPE token.transaction_type;
DROP TYPE token.transaction_status;

COMMIT;
