-- Revert chaindb:diag/health from pg

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

DROP FUNCTION diag.ready();
DROP FUNCTION diag.health();

COMMIT;
