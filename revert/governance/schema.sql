-- Revert chaindb:governance/schema from pg

BEGIN;

-- the default privileges IN SCHEMA governance depend on the schema and go with it
DROP SCHEMA governance;

COMMIT;
