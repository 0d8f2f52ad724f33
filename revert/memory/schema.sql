-- Revert chaindb:memory/schema from pg

BEGIN;

-- the default privileges IN SCHEMA memory depend on the schema and go with it
DROP SCHEMA memory;

COMMIT;
