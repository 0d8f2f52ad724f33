-- roles/analytics/product_analytics.sql — privileges and RLS of analytics.product_analytics.
--   Derived data: chain_app, chain_readonly and chain_analytics read every row, nobody but
--   analytics.update_analytics() (SECURITY DEFINER, chain_owner) writes. chain_user: nothing (the
--   analytics schema contract; the backend serves end users).
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SELECT core.enable_backend_access('analytics.product_analytics');
REVOKE INSERT, UPDATE, DELETE ON analytics.product_analytics FROM chain_app;
DROP POLICY product_analytics_insert_app ON analytics.product_analytics;
DROP POLICY product_analytics_update_app ON analytics.product_analytics;
DROP POLICY product_analytics_delete_app ON analytics.product_analytics;

CREATE POLICY product_analytics_select_analytics ON analytics.product_analytics FOR SELECT TO chain_analytics USING (true);
COMMENT ON POLICY product_analytics_select_analytics ON analytics.product_analytics IS 'Dashboards read every product''s analytics.';

CREATE POLICY product_analytics_insert_owner ON analytics.product_analytics FOR INSERT TO chain_owner WITH CHECK (true);
CREATE POLICY product_analytics_update_owner ON analytics.product_analytics FOR UPDATE TO chain_owner USING (true) WITH CHECK (true);
COMMENT ON POLICY product_analytics_insert_owner ON analytics.product_analytics IS 'analytics.update_analytics() (definer) inserts.';
COMMENT ON POLICY product_analytics_update_owner ON analytics.product_analytics IS 'analytics.update_analytics() (definer) updates changed rows.';
