-- Verify chaindb:analytics/product_traceability_summary on pg

SELECT 1 / pg_catalog.count(*) FROM pg_catalog.pg_matviews WHERE schemaname = 'analytics' AND matviewname = 'product_traceability_summary';
SELECT 1 / pg_catalog.count(*) FROM pg_catalog.pg_index
 WHERE indrelid = 'analytics.product_traceability_summary'::regclass AND indisunique AND indpred IS NULL AND indexprs IS NULL;
SELECT 1 / pg_catalog.count(*) FROM maint.matview_schedule WHERE matview = 'analytics.product_traceability_summary'::regclass;
SELECT 1 / (NOT pg_catalog.has_table_privilege('chain_user', 'analytics.product_traceability_summary', 'SELECT'))::int;
