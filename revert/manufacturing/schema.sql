-- Revert chaindb:manufacturing/schema from pg

BEGIN;

-- the default privileges IN SCHEMA manufacturing depend on the schema and go with it
DROP SCHEMA manufacturing;

COMMIT;
