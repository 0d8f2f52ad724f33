-- Revert chaindb:payment/schema from pg

BEGIN;

-- the default privileges IN SCHEMA payment depend on the schema and go with it
DROP SCHEMA payment;

COMMIT;
