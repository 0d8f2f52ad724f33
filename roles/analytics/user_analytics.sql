-- roles/analytics/user_analytics.sql — privileges and RLS of analytics.user_analytics.
--   Derived data: chain_app, chain_readonly and chain_analytics read every row, nobody but
--   analytics.update_analytics() (SECURITY DEFINER, chain_owner) writes. chain_user: nothing (the
--   analytics schema contract; the backend serves end users).
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SELECT core.enable_backend_access('analytics.user_analytics');
REVOKE INSERT, UPDATE, DELETE ON analytics.user_analytics FROM chain_app;
DROP POLICY user_analytics_insert_app ON analytics.user_analytics;
DROP POLICY user_analytics_update_app ON analytics.user_analytics;
DROP POLICY user_analytics_delete_app ON analytics.user_analytics;

CREATE POLICY user_analytics_select_analytics ON analytics.user_analytics FOR SELECT TO chain_analytics USING (true);
COMMENT ON POLICY user_analytics_select_analytics ON analytics.user_analytics IS 'Dashboards read every user''s analytics.';

CREATE POLICY user_analytics_insert_owner ON analytics.user_analytics FOR INSERT TO chain_owner WITH CHECK (true);
CREATE POLICY user_analytics_update_owner ON analytics.user_analytics FOR UPDATE TO chain_owner USING (true) WITH CHECK (true);
COMMENT ON POLICY user_analytics_insert_owner ON analytics.user_analytics IS 'analytics.update_analytics() (definer) inserts.';
COMMENT ON POLICY user_analytics_update_owner ON analytics.user_analytics IS 'analytics.update_analytics() (definer) updates changed rows.';
