-- Revert chaindb:blockchain/schema from pg

BEGIN;

-- the default privileges IN SCHEMA blockchain depend on the schema and go with it
DROP SCHEMA blockchain;

COMMIT;
