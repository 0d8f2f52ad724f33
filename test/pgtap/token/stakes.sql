-- pgTAP: token/stakes — minimum and maximum stake, lock period, rewards, own-row RLS.
BEGIN;
SELECT plan(163);

-- the project's conventions (docs/conventions.md)
SELECT tests.table_conventions('token.stakes');
SELECT tests.function_conventions('token.stakes_check_limits()');
SELECT tests.function_conventions('token.stake_rewards(bigint)');

-- structure (from the deployed catalog)
SELECT has_table('token', 'stakes', 'token.stakes: exists');
SELECT table_owner_is('token', 'stakes', 'chain_owner', 'token.stakes: owned by chain_owner');
SELECT ok(pg_catalog.obj_description('token.stakes'::regclass, 'pg_class') IS NOT NULL, 'token.stakes: has a comment');
SELECT columns_are('token', 'stakes', ARRAY['id', 'user_id', 'pool_id', 'amount', 'staked_at', 'unlock_at', 'is_active', 'rewards_claimed', 'last_claim_at', 'unstaked_at', 'tx_hash', 'updated_at'], 'token.stakes: exactly these columns');
SELECT col_type_is('token', 'stakes', c, ty, 'token.stakes.' || c || ': ' || ty)
  FROM (VALUES ('id', 'bigint'), ('user_id', 'bigint'), ('pool_id', 'bigint'), ('amount', 'numeric(36,18)'), ('staked_at', 'timestamp with time zone'), ('unlock_at', 'timestamp with time zone'), ('is_active', 'boolean'), ('rewards_claimed', 'numeric(36,18)'), ('last_claim_at', 'timestamp with time zone'), ('unstaked_at', 'timestamp with time zone'), ('tx_hash', 'text'), ('updated_at', 'timestamp with time zone')) AS v (c, ty);
SELECT col_not_null('token', 'stakes', c, 'token.stakes.' || c || ': not null') FROM pg_catalog.unnest(ARRAY['id', 'user_id', 'pool_id', 'amount', 'staked_at', 'unlock_at', 'is_active', 'rewards_claimed', 'updated_at']::name[]) AS c;
SELECT col_is_null('token', 'stakes', c, 'token.stakes.' || c || ': nullable') FROM pg_catalog.unnest(ARRAY['last_claim_at', 'unstaked_at', 'tx_hash']::name[]) AS c;
SELECT ok(pg_catalog.col_description('token.stakes'::regclass, a.attnum) IS NOT NULL, 'token.stakes.' || a.attname || ': has a comment')
  FROM pg_catalog.pg_attribute AS a WHERE a.attrelid = 'token.stakes'::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum;
SELECT set_eq($$SELECT conname::text FROM pg_catalog.pg_constraint WHERE conrelid = 'token.stakes'::regclass$$,
              ARRAY['stakes_active_until_unstaked', 'stakes_amount_check', 'stakes_no_early_unstake', 'stakes_pkey', 'stakes_pool_id_fkey', 'stakes_rewards_claimed_check', 'stakes_tx_hash_check', 'stakes_tx_hash_key', 'stakes_unlock_after_stake', 'stakes_user_id_fkey'], 'token.stakes: constraints ' || 'stakes_active_until_unstaked, stakes_amount_check, stakes_no_early_unstake, stakes_pkey, stakes_pool_id_fkey, stakes_rewards_claimed_check, stakes_tx_hash_check, stakes_tx_hash_key, stakes_unlock_after_stake, stakes_user_id_fkey');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_constraint WHERE conrelid = 'token.stakes'::regclass AND conname = 'stakes_active_until_unstaked'), 'pg_constraint') IS NOT NULL, 'token.stakes.stakes_active_until_unstaked: has a comment');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_constraint WHERE conrelid = 'token.stakes'::regclass AND conname = 'stakes_no_early_unstake'), 'pg_constraint') IS NOT NULL, 'token.stakes.stakes_no_early_unstake: has a comment');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_constraint WHERE conrelid = 'token.stakes'::regclass AND conname = 'stakes_unlock_after_stake'), 'pg_constraint') IS NOT NULL, 'token.stakes.stakes_unlock_after_stake: has a comment');
SELECT indexes_are('token', 'stakes', ARRAY['stakes_active_unlock_at_idx', 'stakes_pkey', 'stakes_pool_id_idx', 'stakes_tx_hash_key', 'stakes_user_id_idx']::name[], 'token.stakes: indexes ' || 'stakes_active_unlock_at_idx, stakes_pkey, stakes_pool_id_idx, stakes_tx_hash_key, stakes_user_id_idx');
SELECT is(pg_catalog.pg_get_indexdef('token.stakes_active_unlock_at_idx'::regclass), 'CREATE INDEX stakes_active_unlock_at_idx ON token.stakes USING btree (unlock_at) WHERE is_active', 'token.stakes.stakes_active_unlock_at_idx: definition');
SELECT is(pg_catalog.pg_get_indexdef('token.stakes_pkey'::regclass), 'CREATE UNIQUE INDEX stakes_pkey ON token.stakes USING btree (id)', 'token.stakes.stakes_pkey: definition');
SELECT is(pg_catalog.pg_get_indexdef('token.stakes_pool_id_idx'::regclass), 'CREATE INDEX stakes_pool_id_idx ON token.stakes USING btree (pool_id)', 'token.stakes.stakes_pool_id_idx: definition');
SELECT is(pg_catalog.pg_get_indexdef('token.stakes_tx_hash_key'::regclass), 'CREATE UNIQUE INDEX stakes_tx_hash_key ON token.stakes USING btree (tx_hash)', 'token.stakes.stakes_tx_hash_key: definition');
SELECT is(pg_catalog.pg_get_indexdef('token.stakes_user_id_idx'::regclass), 'CREATE INDEX stakes_user_id_idx ON token.stakes USING btree (user_id)', 'token.stakes.stakes_user_id_idx: definition');
SELECT triggers_are('token', 'stakes', ARRAY['audit_capture', 'audit_capture_truncate', 'stakes_check_limits', 'stakes_set_updated_at']::name[], 'token.stakes: triggers ' || 'audit_capture, audit_capture_truncate, stakes_check_limits, stakes_set_updated_at');
SELECT trigger_is('token', 'stakes', 'audit_capture', 'audit', 'capture', 'token.stakes.audit_capture: calls audit.capture()');
SELECT trigger_is('token', 'stakes', 'audit_capture_truncate', 'audit', 'capture_statement', 'token.stakes.audit_capture_truncate: calls audit.capture_statement()');
SELECT trigger_is('token', 'stakes', 'stakes_check_limits', 'token', 'stakes_check_limits', 'token.stakes.stakes_check_limits: calls token.stakes_check_limits()');
SELECT trigger_is('token', 'stakes', 'stakes_set_updated_at', 'core', 'set_updated_at', 'token.stakes.stakes_set_updated_at: calls core.set_updated_at()');
SELECT ok((SELECT relrowsecurity AND relforcerowsecurity FROM pg_catalog.pg_class WHERE oid = 'token.stakes'::regclass), 'token.stakes: RLS enabled and forced');
SELECT policies_are('token', 'stakes', ARRAY['stakes_delete_app', 'stakes_insert_app', 'stakes_select_app', 'stakes_select_own', 'stakes_select_owner', 'stakes_select_readonly', 'stakes_update_app']::name[], 'token.stakes: policies');
SELECT policy_cmd_is('token', 'stakes', 'stakes_delete_app'::name, 'delete', 'token.stakes.stakes_delete_app: FOR delete');
SELECT policy_roles_are('token', 'stakes', 'stakes_delete_app', ARRAY['chain_app']::name[], 'token.stakes.stakes_delete_app: TO chain_app');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polrelid = 'token.stakes'::regclass AND polname = 'stakes_delete_app'), 'pg_policy') IS NOT NULL, 'token.stakes.stakes_delete_app: has a comment');
SELECT policy_cmd_is('token', 'stakes', 'stakes_insert_app'::name, 'insert', 'token.stakes.stakes_insert_app: FOR insert');
SELECT policy_roles_are('token', 'stakes', 'stakes_insert_app', ARRAY['chain_app']::name[], 'token.stakes.stakes_insert_app: TO chain_app');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polrelid = 'token.stakes'::regclass AND polname = 'stakes_insert_app'), 'pg_policy') IS NOT NULL, 'token.stakes.stakes_insert_app: has a comment');
SELECT policy_cmd_is('token', 'stakes', 'stakes_select_app'::name, 'select', 'token.stakes.stakes_select_app: FOR select');
SELECT policy_roles_are('token', 'stakes', 'stakes_select_app', ARRAY['chain_app']::name[], 'token.stakes.stakes_select_app: TO chain_app');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polrelid = 'token.stakes'::regclass AND polname = 'stakes_select_app'), 'pg_policy') IS NOT NULL, 'token.stakes.stakes_select_app: has a comment');
SELECT policy_cmd_is('token', 'stakes', 'stakes_select_own'::name, 'select', 'token.stakes.stakes_select_own: FOR select');
SELECT policy_roles_are('token', 'stakes', 'stakes_select_own', ARRAY['chain_user']::name[], 'token.stakes.stakes_select_own: TO chain_user');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polrelid = 'token.stakes'::regclass AND polname = 'stakes_select_own'), 'pg_policy') IS NOT NULL, 'token.stakes.stakes_select_own: has a comment');
SELECT policy_cmd_is('token', 'stakes', 'stakes_select_owner'::name, 'select', 'token.stakes.stakes_select_owner: FOR select');
SELECT policy_roles_are('token', 'stakes', 'stakes_select_owner', ARRAY['chain_owner']::name[], 'token.stakes.stakes_select_owner: TO chain_owner');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polrelid = 'token.stakes'::regclass AND polname = 'stakes_select_owner'), 'pg_policy') IS NOT NULL, 'token.stakes.stakes_select_owner: has a comment');
SELECT policy_cmd_is('token', 'stakes', 'stakes_select_readonly'::name, 'select', 'token.stakes.stakes_select_readonly: FOR select');
SELECT policy_roles_are('token', 'stakes', 'stakes_select_readonly', ARRAY['chain_readonly']::name[], 'token.stakes.stakes_select_readonly: TO chain_readonly');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polrelid = 'token.stakes'::regclass AND polname = 'stakes_select_readonly'), 'pg_policy') IS NOT NULL, 'token.stakes.stakes_select_readonly: has a comment');
SELECT policy_cmd_is('token', 'stakes', 'stakes_update_app'::name, 'update', 'token.stakes.stakes_update_app: FOR update');
SELECT policy_roles_are('token', 'stakes', 'stakes_update_app', ARRAY['chain_app']::name[], 'token.stakes.stakes_update_app: TO chain_app');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polrelid = 'token.stakes'::regclass AND polname = 'stakes_update_app'), 'pg_policy') IS NOT NULL, 'token.stakes.stakes_update_app: has a comment');
SELECT table_privs_are('token', 'stakes', 'chain_app', ARRAY['DELETE', 'INSERT', 'SELECT', 'UPDATE'], 'token.stakes: chain_app has DELETE, INSERT, SELECT, UPDATE');
SELECT table_privs_are('token', 'stakes', 'chain_user', ARRAY['SELECT'], 'token.stakes: chain_user has SELECT');
SELECT table_privs_are('token', 'stakes', 'chain_readonly', ARRAY['SELECT'], 'token.stakes: chain_readonly has SELECT');
SELECT table_privs_are('token', 'stakes', 'chain_analytics', ARRAY[]::text[], 'token.stakes: chain_analytics has nothing');
SELECT table_privs_are('token', 'stakes', 'public', ARRAY[]::text[], 'token.stakes: public has nothing');
SELECT has_function('token', 'stakes_check_limits', ARRAY[]::name[], 'token.stakes_check_limits(): exists');
SELECT function_owner_is('token', 'stakes_check_limits', ARRAY[]::name[], 'chain_owner', 'token.stakes_check_limits(): owned by chain_owner');
SELECT is_definer('token', 'stakes_check_limits', ARRAY[]::name[], 'token.stakes_check_limits(): SECURITY DEFINER');
SELECT volatility_is('token', 'stakes_check_limits', ARRAY[]::name[], 'volatile', 'token.stakes_check_limits(): volatile');
SELECT is(pg_catalog.pg_get_function_result('token.stakes_check_limits()'::regprocedure), 'trigger', 'token.stakes_check_limits(): returns ' || 'trigger');
SELECT ok(pg_catalog.obj_description('token.stakes_check_limits()'::regprocedure, 'pg_proc') IS NOT NULL, 'token.stakes_check_limits(): has a comment');
SELECT ok((SELECT 'search_path=pg_catalog, pg_temp' = ANY (proconfig) FROM pg_catalog.pg_proc WHERE oid = 'token.stakes_check_limits()'::regprocedure), 'token.stakes_check_limits(): search_path pinned');
SELECT function_privs_are('token', 'stakes_check_limits', ARRAY[]::name[], 'public', ARRAY[]::text[], 'token.stakes_check_limits(): public cannot execute');
SELECT function_privs_are('token', 'stakes_check_limits', ARRAY[]::name[], 'chain_app', ARRAY[]::text[], 'token.stakes_check_limits(): chain_app cannot execute');
SELECT function_privs_are('token', 'stakes_check_limits', ARRAY[]::name[], 'chain_user', ARRAY[]::text[], 'token.stakes_check_limits(): chain_user cannot execute');
SELECT function_privs_are('token', 'stakes_check_limits', ARRAY[]::name[], 'chain_readonly', ARRAY[]::text[], 'token.stakes_check_limits(): chain_readonly cannot execute');
SELECT function_privs_are('token', 'stakes_check_limits', ARRAY[]::name[], 'chain_analytics', ARRAY[]::text[], 'token.stakes_check_limits(): chain_analytics cannot execute');
SELECT has_function('token', 'stake_rewards', ARRAY['bigint']::name[], 'token.stake_rewards(): exists');
SELECT function_owner_is('token', 'stake_rewards', ARRAY['bigint']::name[], 'chain_owner', 'token.stake_rewards(): owned by chain_owner');
SELECT isnt_definer('token', 'stake_rewards', ARRAY['bigint']::name[], 'token.stake_rewards(): SECURITY INVOKER');
SELECT volatility_is('token', 'stake_rewards', ARRAY['bigint']::name[], 'stable', 'token.stake_rewards(): stable');
SELECT is(pg_catalog.pg_get_function_result('token.stake_rewards(bigint)'::regprocedure), 'numeric', 'token.stake_rewards(): returns ' || 'numeric');
SELECT ok(pg_catalog.obj_description('token.stake_rewards(bigint)'::regprocedure, 'pg_proc') IS NOT NULL, 'token.stake_rewards(): has a comment');
SELECT ok((SELECT 'search_path=pg_catalog, pg_temp' = ANY (proconfig) FROM pg_catalog.pg_proc WHERE oid = 'token.stake_rewards(bigint)'::regprocedure), 'token.stake_rewards(): search_path pinned');
SELECT function_privs_are('token', 'stake_rewards', ARRAY['bigint']::name[], 'public', ARRAY[]::text[], 'token.stake_rewards(): public cannot execute');
SELECT function_privs_are('token', 'stake_rewards', ARRAY['bigint']::name[], 'chain_app', ARRAY['EXECUTE'], 'token.stake_rewards(): chain_app may execute');
SELECT function_privs_are('token', 'stake_rewards', ARRAY['bigint']::name[], 'chain_user', ARRAY['EXECUTE'], 'token.stake_rewards(): chain_user may execute');
SELECT function_privs_are('token', 'stake_rewards', ARRAY['bigint']::name[], 'chain_readonly', ARRAY['EXECUTE'], 'token.stake_rewards(): chain_readonly may execute');
SELECT function_privs_are('token', 'stake_rewards', ARRAY['bigint']::name[], 'chain_analytics', ARRAY[]::text[], 'token.stake_rewards(): chain_analytics cannot execute');

-- fixture, inserted as the test's owner: two users, an active pool (1000..100000, 30 days, 12.5 %), a closed pool
INSERT INTO core.users (id, wallet_address) OVERRIDING SYSTEM VALUE VALUES
    (1, '0x1111111111111111111111111111111111111111'),
    (2, '0x2222222222222222222222222222222222222222');
INSERT INTO token.staking_pools (id, pool_name, pool_type, apy_percentage, min_stake_amount, max_stake_amount, lock_period_days, is_active)
OVERRIDING SYSTEM VALUE VALUES (1, 'Product', 'product', 12.5, 1000, 100000, 30, true),
                               (2, 'Closed', 'governance', 8, 10, NULL, 0, false),
                               (3, 'Open', 'compliance', 10, 10, NULL, 0, true);
INSERT INTO token.stakes (id, user_id, pool_id, amount, staked_at) OVERRIDING SYSTEM VALUE
VALUES (101, 1, 1, 1000, '2026-01-01 00:00Z'), (102, 2, 1, 36500, now() - interval '365 days');

-- behaviour: the limits trigger
SELECT is((SELECT unlock_at FROM token.stakes WHERE id = 101), '2026-01-31 00:00Z'::timestamptz, 'token.stakes_check_limits(): unlock_at defaults to staked_at + lock_period_days');
SELECT lives_ok($$INSERT INTO token.stakes (user_id, pool_id, amount) VALUES (1, 1, 1000)$$, 'token.stakes_check_limits(): accepts exactly the minimum');
SELECT lives_ok($$INSERT INTO token.stakes (user_id, pool_id, amount) VALUES (1, 1, 100000)$$, 'token.stakes_check_limits(): accepts exactly the maximum');
SELECT throws_ok($$INSERT INTO token.stakes (user_id, pool_id, amount) VALUES (1, 1, 999.999999999999999999)$$, '23514',
                 'token.stakes: amount 999.999999999999999999 is below the minimum stake 1000.000000000000000000 of pool 1',
                 'token.stakes_check_limits(): rejects below the minimum stake');
SELECT throws_ok($$INSERT INTO token.stakes (user_id, pool_id, amount) VALUES (1, 1, 100000.000000000000000001)$$, '23514', NULL,
                 'token.stakes_check_limits(): rejects above the maximum stake');
SELECT lives_ok($$INSERT INTO token.stakes (user_id, pool_id, amount) VALUES (1, 3, 1e12)$$, 'token.stakes_check_limits(): no maximum when the pool has none');
SELECT throws_ok($$UPDATE token.stakes SET amount = 500 WHERE id = 101$$, '23514', NULL, 'token.stakes_check_limits(): an update below the minimum is rejected too');
SELECT throws_ok($$INSERT INTO token.stakes (user_id, pool_id, amount) VALUES (1, 2, 100)$$, '23514', 'token.stakes: pool 2 is not active', 'token.stakes_check_limits(): rejects a new stake in an inactive pool');
SELECT throws_ok($$INSERT INTO token.stakes (user_id, pool_id, amount, staked_at, unlock_at) VALUES (1, 1, 2000, '2026-01-01', '2026-01-30')$$, '23514', NULL,
                 'token.stakes_check_limits(): rejects an unlock before the lock period ends');
SELECT lives_ok($$INSERT INTO token.stakes (user_id, pool_id, amount, staked_at, unlock_at) VALUES (1, 1, 2000, '2026-01-01', '2026-06-01')$$, 'token.stakes_check_limits(): accepts a longer lock');
SELECT throws_ok($$INSERT INTO token.stakes (user_id, pool_id, amount) VALUES (1, 99, 2000)$$, '23503', NULL, 'token.stakes.stakes_pool_id_fkey: rejects an unknown pool');
SELECT throws_ok($$INSERT INTO token.stakes (user_id, pool_id, amount) VALUES (99, 1, 2000)$$, '23503', NULL, 'token.stakes.stakes_user_id_fkey: rejects an unknown user');
SELECT throws_ok($$INSERT INTO token.stakes (user_id, pool_id, amount) VALUES (1, 3, 0)$$, '23514', NULL, 'token.stakes.stakes_amount_check: rejects zero');
SELECT throws_ok($$INSERT INTO token.stakes (user_id, pool_id, amount, staked_at, unlock_at) VALUES (1, 3, 20, '2026-01-02', '2026-01-01')$$, '23514', NULL, 'token.stakes.stakes_unlock_after_stake: rejects an unlock before the stake');
SELECT throws_ok($$UPDATE token.stakes SET is_active = false WHERE id = 101$$, '23514', NULL, 'token.stakes.stakes_active_until_unstaked: rejects inactive without unstaked_at');
SELECT throws_ok($$UPDATE token.stakes SET is_active = false, unstaked_at = '2026-01-15' WHERE id = 101$$, '23514', NULL, 'token.stakes.stakes_no_early_unstake: rejects a withdrawal before unlock_at');
SELECT lives_ok($$UPDATE token.stakes SET is_active = false, unstaked_at = '2026-02-01' WHERE id = 101$$, 'token.stakes: accepts a withdrawal after unlock_at');
SELECT throws_ok($$UPDATE token.stakes SET rewards_claimed = -1 WHERE id = 102$$, '23514', NULL, 'token.stakes.stakes_rewards_claimed_check: rejects negative rewards');
SELECT throws_ok($$UPDATE token.stakes SET tx_hash = 'x' WHERE id = 102$$, '23514', NULL, 'token.stakes.stakes_tx_hash_check: rejects a malformed hash');
UPDATE token.stakes SET tx_hash = '0x' || repeat('c', 64) WHERE id = 102;
SELECT throws_ok($$UPDATE token.stakes SET tx_hash = '0x' || repeat('c', 64) WHERE id = 101$$, '23505', NULL, 'token.stakes.stakes_tx_hash_key: rejects a hash twice');
SELECT throws_ok($$DELETE FROM token.staking_pools WHERE id = 1$$, '23503', NULL, 'token.stakes.stakes_pool_id_fkey: a pool with stakes cannot be deleted');
UPDATE token.stakes SET updated_at = '2000-01-01' WHERE id = 102;
SELECT is((SELECT updated_at FROM token.stakes WHERE id = 102), now(), 'token.stakes.stakes_set_updated_at: fires on update');
SELECT ok((SELECT pg_catalog.count(*) FROM audit.logs WHERE table_schema = 'token' AND table_name = 'stakes') >= 6, 'token.stakes.audit_capture: stakes are audited');

-- behaviour: rewards = amount × apy/100 × days/365 − claimed, floored at 0
SELECT is(pg_catalog.round(token.stake_rewards(102), 6), 4562.500000::numeric, 'token.stake_rewards(): 36500 at 12.5 % for 365 days = 4562.5');
UPDATE token.stakes SET rewards_claimed = 4000 WHERE id = 102;
SELECT is(pg_catalog.round(token.stake_rewards(102), 6), 562.500000::numeric, 'token.stake_rewards(): minus what was claimed');
UPDATE token.stakes SET rewards_claimed = 5000 WHERE id = 102;
SELECT is(token.stake_rewards(102), 0::numeric, 'token.stake_rewards(): floored at 0');
SELECT is(pg_catalog.round(token.stake_rewards(101), 6), pg_catalog.round(1000 * 0.125 * 31 / 365.0, 6), 'token.stake_rewards(): a withdrawn stake earns until unstaked_at');
SELECT is(token.stake_rewards(999), NULL, 'token.stake_rewards(): NULL for an unknown stake');

-- behaviour: RLS
SELECT tests.act_as(1);
SELECT is((SELECT pg_catalog.count(*)::int FROM token.stakes WHERE user_id <> 1), 0, 'token.stakes.stakes_select_own: a user reads only its own stakes');
SELECT ok((SELECT pg_catalog.count(*) FROM token.stakes) > 0, 'token.stakes.stakes_select_own: and sees them');
SELECT is(token.stake_rewards(102), NULL, 'token.stake_rewards(): NULL for another user''s stake (RLS)');
SELECT throws_ok($$INSERT INTO token.stakes (user_id, pool_id, amount) VALUES (1, 1, 5000)$$, '42501', NULL, 'token.stakes: a user cannot record stakes directly');
SELECT tests.act_as_role('chain_readonly');
SELECT is((SELECT pg_catalog.count(*)::int FROM token.stakes), 6, 'token.stakes.stakes_select_readonly: reporting reads every stake');
SELECT tests.act_as_role('chain_app');
SELECT is((SELECT pg_catalog.count(*)::int FROM token.stakes), 6, 'token.stakes.stakes_select_app: the backend reads every stake');
SELECT throws_ok($$INSERT INTO token.stakes (user_id, pool_id, amount) VALUES (2, 1, 50)$$, '23514', NULL, 'token.stakes_check_limits(): enforced for the backend too (definer reads the pool)');
SELECT lives_ok($$INSERT INTO token.stakes (user_id, pool_id, amount) VALUES (2, 1, 5000)$$, 'token.stakes.stakes_insert_app: the backend records stakes');
SELECT lives_ok($$UPDATE token.stakes SET rewards_claimed = 1 WHERE user_id = 2 AND amount = 5000$$, 'token.stakes.stakes_update_app: the backend records claims');
SELECT lives_ok($$DELETE FROM token.stakes WHERE user_id = 2 AND amount = 5000$$, 'token.stakes.stakes_delete_app: the backend deletes');
SELECT tests.reset_role();
SET LOCAL ROLE chain_owner;
SELECT is((SELECT pg_catalog.count(*)::int FROM token.stakes), 6, 'token.stakes.stakes_select_owner: chain_owner reads every stake');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
