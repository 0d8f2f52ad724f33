-- Verify chaindb:diag/schema on pg

BEGIN;
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SELECT 1 / (nspowner = 'chain_owner'::regrole)::int FROM pg_catalog.pg_namespace WHERE nspname = 'diag';
SELECT 1 / pg_catalog.has_schema_privilege('chain_monitor', 'diag', 'USAGE')::int;
SELECT 1 / (NOT pg_catalog.has_schema_privilege('chain_readonly', 'diag', 'USAGE'))::int;

ROLLBACK;
