-- Revert chaindb:diag/package from pg

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

DROP FUNCTION diag.migration_status();
DROP FUNCTION diag.matview_freshness();
DROP FUNCTION diag.partition_health();

DO $$
BEGIN
    IF pg_catalog.to_regclass('sqitch.changes') IS NOT NULL AND pg_catalog.to_regclass('sqitch.events') IS NOT NULL THEN
        REVOKE SELECT ON sqitch.changes, sqitch.events FROM chain_owner;
        REVOKE USAGE ON SCHEMA sqitch FROM chain_owner;
    END IF;
END
$$;

COMMIT;
