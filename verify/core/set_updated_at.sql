-- Verify chaindb:core/set_updated_at on pg

BEGIN;
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SELECT 1 / pg_catalog.count(*) FROM pg_catalog.pg_proc
 WHERE oid = 'core.set_updated_at()'::regprocedure AND prorettype = 'pg_catalog.trigger'::regtype;

ROLLBACK;
