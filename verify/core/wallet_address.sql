-- Verify chaindb:core/wallet_address on pg

BEGIN;
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SELECT '0x52908400098527886e0f7030069857d2e4169ee7'::core.wallet_address;
SELECT 1 / (core.normalize_wallet('0x52908400098527886E0F7030069857D2E4169EE7')
            = '0x52908400098527886e0f7030069857d2e4169ee7')::int;
SELECT 1 / (NOT pg_catalog.has_function_privilege('public', 'core.normalize_wallet(text)', 'EXECUTE'))::int;

ROLLBACK;
