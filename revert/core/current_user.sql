-- Revert chaindb:core/current_user from pg

BEGIN;

DROP FUNCTION core.current_wallet();
DROP FUNCTION core.current_user_id();

COMMIT;
