-- pgTAP: analytics — exactly these objects (an unexpected one fails). Later changes adding to analytics
-- extend these lists.
BEGIN;
SELECT plan(22);

SELECT tables_are('analytics', ARRAY['product_analytics', 'user_analytics'], 'analytics: tables');
SELECT views_are('analytics', ARRAY[]::name[], 'analytics: views');
SELECT materialized_views_are('analytics', ARRAY['compliance_summary', 'manufacturing_summary', 'market_summary', 'product_traceability_summary', 'user_activity_summary'], 'analytics: materialized views');
SELECT functions_are('analytics', ARRAY['update_analytics'], 'analytics: functions');
SELECT enums_are('analytics', ARRAY[]::name[], 'analytics: enums');
SELECT domains_are('analytics', ARRAY[]::name[], 'analytics: domains');
SELECT sequences_are('analytics', ARRAY[]::name[], 'analytics: sequences');
SELECT indexes_are('analytics', 'compliance_summary', ARRAY['compliance_summary_product_id_key'], 'analytics.compliance_summary: indexes');
SELECT triggers_are('analytics', 'compliance_summary', ARRAY[]::name[], 'analytics.compliance_summary: triggers');
SELECT policies_are('analytics', 'compliance_summary', ARRAY[]::name[], 'analytics.compliance_summary: policies');
SELECT indexes_are('analytics', 'product_analytics', ARRAY['product_analytics_pkey'], 'analytics.product_analytics: indexes');
SELECT triggers_are('analytics', 'product_analytics', ARRAY['product_analytics_set_updated_at'], 'analytics.product_analytics: triggers');
SELECT policies_are('analytics', 'product_analytics', ARRAY['product_analytics_insert_owner', 'product_analytics_select_analytics', 'product_analytics_select_app', 'product_analytics_select_owner', 'product_analytics_select_readonly', 'product_analytics_update_owner'], 'analytics.product_analytics: policies');
SELECT indexes_are('analytics', 'product_traceability_summary', ARRAY['product_traceability_summary_product_id_key'], 'analytics.product_traceability_summary: indexes');
SELECT triggers_are('analytics', 'product_traceability_summary', ARRAY[]::name[], 'analytics.product_traceability_summary: triggers');
SELECT policies_are('analytics', 'product_traceability_summary', ARRAY[]::name[], 'analytics.product_traceability_summary: policies');
SELECT indexes_are('analytics', 'user_activity_summary', ARRAY['user_activity_summary_user_id_key'], 'analytics.user_activity_summary: indexes');
SELECT triggers_are('analytics', 'user_activity_summary', ARRAY[]::name[], 'analytics.user_activity_summary: triggers');
SELECT policies_are('analytics', 'user_activity_summary', ARRAY[]::name[], 'analytics.user_activity_summary: policies');
SELECT indexes_are('analytics', 'user_analytics', ARRAY['user_analytics_pkey'], 'analytics.user_analytics: indexes');
SELECT triggers_are('analytics', 'user_analytics', ARRAY['user_analytics_set_updated_at'], 'analytics.user_analytics: triggers');
SELECT policies_are('analytics', 'user_analytics', ARRAY['user_analytics_insert_owner', 'user_analytics_select_analytics', 'user_analytics_select_app', 'user_analytics_select_owner', 'user_analytics_select_readonly', 'user_analytics_update_owner'], 'analytics.user_analytics: policies');

SELECT * FROM finish();
ROLLBACK;
