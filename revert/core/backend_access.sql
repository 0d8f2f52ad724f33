-- Revert chaindb:core/backend_access from pg
-- (what the helpers created belongs to the tables and schemas they were called on: it stays)

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

DROP FUNCTION core.enable_backend_access(regclass);
DROP FUNCTION core.enable_schema_access(regnamespace);

COMMIT;
