-- Revert chaindb:core/primary_key_columns from pg

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

DROP FUNCTION core.primary_key_columns(regclass);

COMMIT;
