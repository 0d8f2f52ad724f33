-- Deploy chaindb:analytics/market_summary to pg
-- requires: analytics/schema
-- requires: maint/matview_schedule
-- requires: trading/orders
-- requires: blockchain/transactions
-- requires: blockchain/latest_prices

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SET LOCAL ROLE chain_owner;

\ir ../../views/analytics/market_summary.sql

-- the first refresh is plain (CONCURRENTLY needs a populated view); later ones come from
-- maint.refresh_materialized_views every 30 minutes
REFRESH MATERIALIZED VIEW analytics.market_summary;
INSERT INTO maint.matview_schedule (matview, cadence, note)
VALUES ('analytics.market_summary', interval '30 minutes', 'seed 000: GET /api/analytics/market, cache TTL 30 minutes');

COMMIT;
