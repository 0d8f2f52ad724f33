-- pgTAP: analytics/market_summary — the materialized view analytics.market_summary, values checked
-- by hand on a small fixture, its unique index, its registration and concurrent refresh.
BEGIN;
SELECT plan(14);

SELECT tests.view_conventions('analytics.market_summary', ARRAY['chain_analytics', 'chain_app', 'chain_readonly']);  -- 6: owner, comments, read path, readers, read-only
SELECT is((SELECT indisunique AND indpred IS NULL AND indexprs IS NULL FROM pg_catalog.pg_index
            WHERE indexrelid = 'analytics.market_summary_asset_id_key'::regclass), true,
          'analytics.market_summary.market_summary_asset_id_key: unique on a plain column, no WHERE (CONCURRENTLY possible)');
SELECT results_eq($$SELECT cadence, note IS NOT NULL FROM maint.matview_schedule WHERE matview = 'analytics.market_summary'::regclass$$,
                  $$VALUES (interval '30 minutes', true)$$, 'analytics.market_summary: registered in maint.matview_schedule, every 30 minutes');
SELECT ok((SELECT relispopulated FROM pg_catalog.pg_class WHERE oid = 'analytics.market_summary'::regclass),
          'analytics.market_summary: populated at deploy (the first, plain refresh)');
-- REFRESH reads as chain_owner, whom FORCE ROW LEVEL SECURITY binds: the tables the view reads have their
-- <table>_select_owner policy from core.enable_backend_access (one helper owns them)
SELECT is((SELECT pg_catalog.count(*)::int FROM pg_catalog.pg_policy
            WHERE polname LIKE '%\_select\_owner' AND polrelid = ANY (ARRAY['blockchain.assets'::regclass, 'blockchain.transactions'::regclass,
                                                                         'blockchain.price_feeds'::regclass, 'trading.orders'::regclass])),
          4, 'analytics.market_summary: every table it reads lets chain_owner (who refreshes it) read');

-- fixture: two assets; SRVA has resting and settled orders on both sides, transfers and prices
CREATE TEMP TABLE ids ON COMMIT DROP AS SELECT tests.create_user() AS u;
INSERT INTO blockchain.assets (issuer_id, asset_type, name, symbol, total_supply)
SELECT u, 'sensor'::blockchain.asset_type, 'Servo A', 'SRVA', 100 FROM ids UNION ALL SELECT u, 'actuator', 'Lidar B', 'LIDB', 50 FROM ids;
INSERT INTO trading.orders (user_id, asset_id, side, order_type, price, quantity, filled_quantity, status)
SELECT i.u, a.id, o.side::trading.order_side, o.t::trading.order_type, o.price, o.qty, o.filled, o.status::trading.order_status
  FROM ids AS i, blockchain.assets AS a,
       (VALUES ('buy', 'limit', 100, 5, 0, 'open'), ('buy', 'limit', 105, 2, 1, 'partially_filled'), ('buy', 'market', NULL, 1, 0, 'open'),
               ('buy', 'limit', 130, 1, 1, 'filled'), ('sell', 'limit', 110, 3, 0, 'open'), ('sell', 'limit', 90, 1, 0, 'cancelled'),
               ('sell', 'limit', 120, 4, 4, 'filled')) AS o (side, t, price, qty, filled, status)
 WHERE a.symbol = 'SRVA';
INSERT INTO blockchain.transactions (tx_hash, block_number, from_address, to_address, asset_id, amount, status, created_at, confirmed_at)
SELECT '0x' || pg_catalog.lpad(pg_catalog.to_hex(x.n), 64, '0'), 1000 + x.n, '0x' || pg_catalog.repeat('1', 40), '0x' || pg_catalog.repeat('2', 40),
       a.id, x.amount, x.status::blockchain.transaction_status, pg_catalog.now() - x.age,
       CASE WHEN x.status = 'confirmed' THEN pg_catalog.now() - x.age END
  FROM blockchain.assets AS a,
       (VALUES (1, 1.5, 'confirmed', interval '1 hour'), (2, 2.5, 'confirmed', interval '23 hours'),
               (3, 9, 'pending', interval '1 hour'), (4, 7, 'confirmed', interval '2 days')) AS x (n, amount, status, age)
 WHERE a.symbol = 'SRVA';
INSERT INTO blockchain.price_feeds (symbol, observed_at, source, price)
VALUES ('SRVA', pg_catalog.now() - interval '2 hours', 'chainlink', 40), ('SRVA', pg_catalog.now() - interval '1 hour', 'chainlink', 42.5);

SET LOCAL ROLE chain_owner;
REFRESH MATERIALIZED VIEW CONCURRENTLY analytics.market_summary;
RESET ROLE;
SELECT results_eq($$SELECT symbol, asset_type::text, open_buy_orders, open_sell_orders, best_bid, best_ask, bid_depth, ask_depth,
                           transfers_24h, volume_24h, last_price
                      FROM analytics.market_summary ORDER BY symbol$$,
                  $$VALUES ('LIDB', 'actuator', 0::bigint, 0::bigint, NULL::numeric, NULL::numeric, 0::numeric, 0::numeric, 0::bigint, 0::numeric, NULL::numeric),
                           ('SRVA', 'sensor', 3, 1, 105, 110, 7, 3, 2, 4.0, 42.5)$$,
                  'analytics.market_summary: values as worked out by hand (3 resting buys, best bid 105, depth 5+1+1; 1 resting sell; 2 confirmed transfers in 24 h; newest price)');
SELECT ok((SELECT pg_catalog.bool_and(refreshed_at = pg_catalog.now()) FROM analytics.market_summary),
          'analytics.market_summary.refreshed_at: the refresh time');
SELECT is((SELECT last_price_at FROM analytics.market_summary WHERE symbol = 'SRVA'), pg_catalog.now() - interval '1 hour',
          'analytics.market_summary.last_price_at: when the newest price was observed');
SELECT results_eq($$SELECT matview::text, mode, status FROM maint.refresh_materialized_views() WHERE matview = 'analytics.market_summary'::regclass$$,
                  $$VALUES ('analytics.market_summary', 'concurrently', 'ok')$$,
                  'analytics.market_summary: maint.refresh_materialized_views refreshes it CONCURRENTLY');

SELECT * FROM finish();
ROLLBACK;
