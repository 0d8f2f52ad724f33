-- Verify chaindb:core/notify_change on pg

BEGIN;
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SELECT 'core.notify_change()'::regprocedure, 'core.enable_notify(regclass)'::regprocedure,
       'core.disable_notify(regclass)'::regprocedure;
SELECT 1 / (NOT pg_catalog.has_function_privilege('public', 'core.enable_notify(regclass)', 'EXECUTE'))::int;

ROLLBACK;
