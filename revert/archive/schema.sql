-- Revert chaindb:archive/schema from pg

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

-- the default privileges IN SCHEMA archive depend on the schema and go with it
DROP SCHEMA archive;

COMMIT;
