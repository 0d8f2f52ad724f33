-- Revert chaindb:auth/schema from pg

BEGIN;

-- the default privileges IN SCHEMA auth depend on the schema and go with it
DROP SCHEMA auth;

COMMIT;
