-- Revert chaindb:core/wallet_address from pg

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

DROP FUNCTION core.normalize_wallet(text);
DROP DOMAIN core.wallet_address;

COMMIT;
