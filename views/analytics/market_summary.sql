-- analytics.market_summary — The Construct's market endpoint (GET /api/analytics/market, seed 000;
-- cached 30 minutes there: refreshed every 30 minutes here). One row per blockchain.assets row:
--   open_buy_orders / open_sell_orders   resting orders (open or partially filled) per side
--   best_bid / best_ask                  highest resting limit buy / lowest resting limit sell
--   bid_depth / ask_depth                unfilled quantity resting per side
--   transfers_24h / volume_24h           confirmed on-chain transfers of the asset in the last 24 hours
--                                        and their summed amount (chosen over order fills: the chain
--                                        is the record of what changed hands)
--   last_price / last_price_at           blockchain.latest_price(symbol): newest oracle price, if quoted
--   refreshed_at                         when the view was last refreshed (its data's age)
-- Unique index on asset_id (plain column, no WHERE), so maint.refresh_materialized_views refreshes
-- it CONCURRENTLY. Refreshed as its owner (chain_owner), whom FORCE ROW LEVEL SECURITY binds: it
-- sees the rows of the tables it reads through their <table>_select_owner policies, which
-- core.enable_backend_access gives every backend table (not created here: one helper owns them).
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

CREATE MATERIALIZED VIEW analytics.market_summary AS
SELECT a.id AS asset_id,
       a.symbol,
       a.asset_type,
       a.is_active,
       COALESCE(o.open_buy_orders, 0) AS open_buy_orders,
       COALESCE(o.open_sell_orders, 0) AS open_sell_orders,
       o.best_bid,
       o.best_ask,
       COALESCE(o.bid_depth, 0) AS bid_depth,
       COALESCE(o.ask_depth, 0) AS ask_depth,
       COALESCE(t.transfers_24h, 0) AS transfers_24h,
       COALESCE(t.volume_24h, 0) AS volume_24h,
       lp.price AS last_price,
       lp.observed_at AS last_price_at,
       pg_catalog.now() AS refreshed_at
  FROM blockchain.assets AS a
  LEFT JOIN (SELECT r.asset_id,
                    pg_catalog.count(*) FILTER (WHERE r.side = 'buy') AS open_buy_orders,
                    pg_catalog.count(*) FILTER (WHERE r.side = 'sell') AS open_sell_orders,
                    pg_catalog.max(r.price) FILTER (WHERE r.side = 'buy' AND r.order_type = 'limit') AS best_bid,
                    pg_catalog.min(r.price) FILTER (WHERE r.side = 'sell' AND r.order_type = 'limit') AS best_ask,
                    pg_catalog.sum(r.quantity - r.filled_quantity) FILTER (WHERE r.side = 'buy') AS bid_depth,
                    pg_catalog.sum(r.quantity - r.filled_quantity) FILTER (WHERE r.side = 'sell') AS ask_depth
               FROM trading.orders AS r
              WHERE r.status IN ('open', 'partially_filled')
              GROUP BY r.asset_id) AS o ON o.asset_id = a.id
  LEFT JOIN (SELECT x.asset_id, pg_catalog.count(*) AS transfers_24h, pg_catalog.sum(x.amount) AS volume_24h
               FROM blockchain.transactions AS x
              WHERE x.status = 'confirmed' AND x.created_at > pg_catalog.now() - interval '24 hours'
              GROUP BY x.asset_id) AS t ON t.asset_id = a.id
  LEFT JOIN LATERAL blockchain.latest_price(a.symbol) AS lp ON true
WITH NO DATA;
CREATE UNIQUE INDEX market_summary_asset_id_key ON analytics.market_summary (asset_id);

COMMENT ON MATERIALIZED VIEW analytics.market_summary IS 'The Construct''s market endpoint (seed 000 GET /api/analytics/market, 30-minute cache): per asset, resting orders, best bid/ask, depth, confirmed transfers and volume of the last 24 hours, newest oracle price. Refreshed every 30 minutes (maint.matview_schedule).';
COMMENT ON COLUMN analytics.market_summary.asset_id IS 'The asset (blockchain.assets.id); unique.';
COMMENT ON COLUMN analytics.market_summary.symbol IS 'Its ticker symbol.';
COMMENT ON COLUMN analytics.market_summary.asset_type IS 'Its component type.';
COMMENT ON COLUMN analytics.market_summary.is_active IS 'Whether it is listed.';
COMMENT ON COLUMN analytics.market_summary.open_buy_orders IS 'Resting buy orders (open or partially filled).';
COMMENT ON COLUMN analytics.market_summary.open_sell_orders IS 'Resting sell orders (open or partially filled).';
COMMENT ON COLUMN analytics.market_summary.best_bid IS 'Highest resting limit buy price; NULL without one.';
COMMENT ON COLUMN analytics.market_summary.best_ask IS 'Lowest resting limit sell price; NULL without one.';
COMMENT ON COLUMN analytics.market_summary.bid_depth IS 'Unfilled quantity of the resting buy orders.';
COMMENT ON COLUMN analytics.market_summary.ask_depth IS 'Unfilled quantity of the resting sell orders.';
COMMENT ON COLUMN analytics.market_summary.transfers_24h IS 'Confirmed on-chain transfers of the asset created in the 24 hours before the refresh.';
COMMENT ON COLUMN analytics.market_summary.volume_24h IS 'Their summed amount.';
COMMENT ON COLUMN analytics.market_summary.last_price IS 'Newest oracle price of the symbol (blockchain.latest_price); NULL when never quoted.';
COMMENT ON COLUMN analytics.market_summary.last_price_at IS 'When that price was observed.';
COMMENT ON COLUMN analytics.market_summary.refreshed_at IS 'When the view was refreshed: the age of every other column.';
COMMENT ON INDEX analytics.market_summary_asset_id_key IS 'One row per asset; lets maint.refresh_materialized_views refresh CONCURRENTLY.';
