-- Revert chaindb:diag/health_thresholds from pg

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

DROP TABLE diag.health_thresholds;

COMMIT;
