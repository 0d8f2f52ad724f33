-- Revert chaindb:analytics/market_summary from pg

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

DELETE FROM maint.matview_schedule WHERE matview = 'analytics.market_summary'::regclass;
DROP MATERIALIZED VIEW analytics.market_summary;

COMMIT;
