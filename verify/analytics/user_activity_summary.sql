-- Verify chaindb:analytics/user_activity_summary on pg

SELECT 1 / pg_catalog.count(*) FROM pg_catalog.pg_matviews WHERE schemaname = 'analytics' AND matviewname = 'user_activity_summary';
SELECT 1 / pg_catalog.count(*) FROM pg_catalog.pg_index
 WHERE indrelid = 'analytics.user_activity_summary'::regclass AND indisunique AND indpred IS NULL AND indexprs IS NULL;
SELECT 1 / pg_catalog.count(*) FROM maint.matview_schedule WHERE matview = 'analytics.user_activity_summary'::regclass;
SELECT 1 / (NOT pg_catalog.has_table_privilege('chain_user', 'analytics.user_activity_summary', 'SELECT'))::int;
