-- Revert chaindb:trace/schema from pg

BEGIN;

-- the default privileges IN SCHEMA trace depend on the schema and go with it
DROP SCHEMA trace;

COMMIT;
