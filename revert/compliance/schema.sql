-- Revert chaindb:compliance/schema from pg

BEGIN;

-- the default privileges IN SCHEMA compliance depend on the schema and go with it
DROP SCHEMA compliance;

COMMIT;
