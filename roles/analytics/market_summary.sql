-- roles/analytics/market_summary.sql — what analytics.market_summary needs to see everything.
--   REFRESH runs the view's query as its owner, chain_owner, and FORCE ROW LEVEL SECURITY binds the
--   owner too: without these policies the view would be refreshed empty. chain_owner reads every
--   row of the tables the view reads (it owns them; the policies add no reader). Readers of the
--   view get SELECT from the analytics default privileges (chain_analytics, chain_app, chain_readonly).
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

CREATE POLICY assets_select_owner ON blockchain.assets FOR SELECT TO chain_owner USING (true);
CREATE POLICY transactions_select_owner ON blockchain.transactions FOR SELECT TO chain_owner USING (true);
CREATE POLICY price_feeds_select_owner ON blockchain.price_feeds FOR SELECT TO chain_owner USING (true);
CREATE POLICY orders_select_owner ON trading.orders FOR SELECT TO chain_owner USING (true);
COMMENT ON POLICY assets_select_owner ON blockchain.assets IS 'The owner refreshes analytics.market_summary (REFRESH reads as the owner).';
COMMENT ON POLICY transactions_select_owner ON blockchain.transactions IS 'The owner refreshes analytics.market_summary (REFRESH reads as the owner).';
COMMENT ON POLICY price_feeds_select_owner ON blockchain.price_feeds IS 'The owner refreshes analytics.market_summary (REFRESH reads as the owner).';
COMMENT ON POLICY orders_select_owner ON trading.orders IS 'The owner refreshes analytics.market_summary (REFRESH reads as the owner).';
