-- Verify chaindb:token/stakes on pg

SELECT id, user_id, pool_id, amount, staked_at, unlock_at, is_active, rewards_claimed, last_claim_at, unstaked_at,
       tx_hash, updated_at
  FROM token.stakes WHERE FALSE;
SELECT 1 / (relrowsecurity AND relforcerowsecurity)::int FROM pg_catalog.pg_class WHERE oid = 'token.stakes'::regclass;
SELECT 1 / (pg_catalog.count(*) = 7)::int FROM pg_catalog.pg_policy WHERE polrelid = 'token.stakes'::regclass;
SELECT 1 / pg_catalog.count(*) FROM pg_catalog.pg_trigger WHERE tgrelid = 'token.stakes'::regclass AND tgname = 'stakes_check_limits';
SELECT 'token.stake_rewards(bigint)'::regprocedure, 'token.stakes_check_limits()'::regprocedure;
