-- Revert chaindb:diag/activity from pg

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

DROP FUNCTION diag.calls(integer);
DROP FUNCTION diag.slow_statements(numeric, integer);
DROP FUNCTION diag.long_running_queries(interval);
DROP FUNCTION diag.blocking();
DROP FUNCTION diag.locks(boolean);
DROP FUNCTION diag.connections();
DROP FUNCTION diag.visible_query(oid, text);

COMMIT;
