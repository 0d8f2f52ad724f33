-- Verify chaindb:core/current_user on pg

SELECT 1 / pg_catalog.has_function_privilege('chain_user', 'core.current_user_id()', 'EXECUTE')::int;
SELECT 1 / pg_catalog.has_function_privilege('chain_user', 'core.current_wallet()', 'EXECUTE')::int;
SELECT core.current_user_id(), core.current_wallet();
