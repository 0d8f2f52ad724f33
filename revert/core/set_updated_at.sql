-- Revert chaindb:core/set_updated_at from pg

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

DROP FUNCTION core.set_updated_at();

COMMIT;
