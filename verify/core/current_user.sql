-- Verify chaindb:core/current_user on pg

BEGIN;
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SELECT 1 / pg_catalog.has_function_privilege('chain_user', 'core.current_user_id()', 'EXECUTE')::int;
SELECT 1 / pg_catalog.has_function_privilege('chain_user', 'core.current_wallet()', 'EXECUTE')::int;
SELECT core.current_user_id(), core.current_wallet();

ROLLBACK;
