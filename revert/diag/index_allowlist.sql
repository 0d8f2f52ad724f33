-- Revert chaindb:diag/index_allowlist from pg

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

DROP TABLE diag.index_allowlist;

COMMIT;
