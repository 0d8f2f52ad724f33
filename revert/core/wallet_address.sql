-- Revert chaindb:core/wallet_address from pg

BEGIN;

DROP FUNCTION core.normalize_wallet(text);
DROP DOMAIN core.wallet_address;

COMMIT;
