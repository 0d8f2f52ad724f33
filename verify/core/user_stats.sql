-- Verify chaindb:core/user_stats on pg

SELECT 1 / pg_catalog.has_function_privilege('chain_user', 'core.user_stats(bigint)', 'EXECUTE')::int;
SELECT user_id, orders_total, trading_volume, assets_issued, votes_cast FROM core.user_stats(0) WHERE FALSE;
