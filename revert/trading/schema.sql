-- Revert chaindb:trading/schema from pg

BEGIN;

-- the default privileges IN SCHEMA trading depend on the schema and go with it
DROP SCHEMA trading;

COMMIT;
