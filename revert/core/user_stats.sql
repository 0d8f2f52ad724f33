-- Revert chaindb:core/user_stats from pg

BEGIN;

DROP FUNCTION core.user_stats(bigint);

COMMIT;
