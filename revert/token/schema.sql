-- Revert chaindb:token/schema from pg

BEGIN;

-- the default privileges IN SCHEMA token depend on the schema and go with it
DROP SCHEMA token;

COMMIT;
