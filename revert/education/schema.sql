-- Revert chaindb:education/schema from pg

BEGIN;

-- the default privileges IN SCHEMA education depend on the schema and go with it
DROP SCHEMA education;

COMMIT;
