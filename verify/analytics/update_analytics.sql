-- Verify chaindb:analytics/update_analytics on pg

SELECT 1 / (p.prosecdef)::int FROM pg_catalog.pg_proc AS p WHERE p.oid = 'analytics.update_analytics()'::regprocedure;
SELECT 1 / pg_catalog.has_function_privilege('chain_analytics', 'analytics.update_analytics()', 'EXECUTE')::int;
