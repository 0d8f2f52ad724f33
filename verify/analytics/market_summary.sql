-- Verify chaindb:analytics/market_summary on pg

BEGIN;
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SELECT asset_id, symbol, asset_type, is_active, open_buy_orders, open_sell_orders, best_bid, best_ask, bid_depth, ask_depth,
       transfers_24h, volume_24h, last_price, last_price_at, refreshed_at
  FROM analytics.market_summary WHERE FALSE;
SELECT 1 / pg_catalog.count(*) FROM pg_catalog.pg_index
 WHERE indexrelid = 'analytics.market_summary_asset_id_key'::regclass AND indisunique AND indpred IS NULL;
SELECT 1 / pg_catalog.count(*) FROM maint.matview_schedule WHERE matview = 'analytics.market_summary'::regclass;

ROLLBACK;
