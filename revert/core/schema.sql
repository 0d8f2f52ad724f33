-- Revert chaindb:core/schema from pg

BEGIN;

-- the default privileges IN SCHEMA core depend on the schema and go with it
DROP SCHEMA core;

COMMIT;
