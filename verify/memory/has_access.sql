-- Verify chaindb:memory/has_access on pg

SELECT 'memory.has_access(text, core.wallet_address)'::regprocedure;
SELECT 'memory.consume_grant(text, core.wallet_address)'::regprocedure;
SELECT 1 / (NOT pg_catalog.has_function_privilege('public', 'memory.consume_grant(text, core.wallet_address)', 'EXECUTE'))::int;
