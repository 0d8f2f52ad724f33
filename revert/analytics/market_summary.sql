-- Revert chaindb:analytics/market_summary from pg

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

DELETE FROM maint.matview_schedule WHERE matview = 'analytics.market_summary'::regclass;
DROP MATERIALIZED VIEW analytics.market_summary;
DROP POLICY orders_select_owner ON trading.orders;
DROP POLICY price_feeds_select_owner ON blockchain.price_feeds;
DROP POLICY transactions_select_owner ON blockchain.transactions;
DROP POLICY assets_select_owner ON blockchain.assets;

COMMIT;
