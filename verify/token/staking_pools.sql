-- Verify chaindb:token/staking_pools on pg

SELECT id, pool_name, pool_type, apy_percentage, min_stake_amount, max_stake_amount, lock_period_days, is_active,
       created_at, updated_at
  FROM token.staking_pools WHERE FALSE;
SELECT 1 / (relrowsecurity AND relforcerowsecurity)::int FROM pg_catalog.pg_class WHERE oid = 'token.staking_pools'::regclass;
SELECT 1 / (pg_catalog.count(*) = 7)::int FROM pg_catalog.pg_policy WHERE polrelid = 'token.staking_pools'::regclass;
