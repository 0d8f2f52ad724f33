-- Revert chaindb:token/stakes from pg

BEGIN;

SELECT audit.disable_tracking('token.stakes');
DROP TABLE token.stakes;
DROP FUNCTION token.stake_rewards(bigint);
DROP FUNCTION token.stakes_check_limits();

COMMIT;
