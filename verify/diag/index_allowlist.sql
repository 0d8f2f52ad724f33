-- Verify chaindb:diag/index_allowlist on pg

BEGIN;
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SELECT index_name, reason, added_at FROM diag.index_allowlist WHERE FALSE;
SELECT 1 / pg_catalog.has_table_privilege('chain_monitor', 'diag.index_allowlist', 'INSERT')::int;
SELECT 1 / (NOT pg_catalog.has_table_privilege('chain_readonly', 'diag.index_allowlist', 'SELECT'))::int;

ROLLBACK;
