-- pgTAP: token/staking_pools — structure, limits, RLS.
BEGIN;
SELECT plan(96);

-- the project's conventions (docs/conventions.md)
SELECT tests.table_conventions('token.staking_pools');

-- structure (from the deployed catalog)
SELECT has_table('token', 'staking_pools', 'token.staking_pools: exists');
SELECT table_owner_is('token', 'staking_pools', 'chain_owner', 'token.staking_pools: owned by chain_owner');
SELECT ok(pg_catalog.obj_description('token.staking_pools'::regclass, 'pg_class') IS NOT NULL, 'token.staking_pools: has a comment');
SELECT columns_are('token', 'staking_pools', ARRAY['id', 'pool_name', 'pool_type', 'apy_percentage', 'min_stake_amount', 'max_stake_amount', 'lock_period_days', 'is_active', 'created_at', 'updated_at'], 'token.staking_pools: exactly these columns');
SELECT col_type_is('token', 'staking_pools', c, ty, 'token.staking_pools.' || c || ': ' || ty)
  FROM (VALUES ('id', 'bigint'), ('pool_name', 'text'), ('pool_type', 'token.pool_type'), ('apy_percentage', 'numeric(5,2)'), ('min_stake_amount', 'numeric(36,18)'), ('max_stake_amount', 'numeric(36,18)'), ('lock_period_days', 'integer'), ('is_active', 'boolean'), ('created_at', 'timestamp with time zone'), ('updated_at', 'timestamp with time zone')) AS v (c, ty);
SELECT col_not_null('token', 'staking_pools', c, 'token.staking_pools.' || c || ': not null') FROM pg_catalog.unnest(ARRAY['id', 'pool_name', 'pool_type', 'apy_percentage', 'min_stake_amount', 'lock_period_days', 'is_active', 'created_at', 'updated_at']::name[]) AS c;
SELECT col_is_null('token', 'staking_pools', c, 'token.staking_pools.' || c || ': nullable') FROM pg_catalog.unnest(ARRAY['max_stake_amount']::name[]) AS c;
SELECT ok(pg_catalog.col_description('token.staking_pools'::regclass, a.attnum) IS NOT NULL, 'token.staking_pools.' || a.attname || ': has a comment')
  FROM pg_catalog.pg_attribute AS a WHERE a.attrelid = 'token.staking_pools'::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum;
SELECT set_eq($$SELECT conname::text FROM pg_catalog.pg_constraint WHERE conrelid = 'token.staking_pools'::regclass$$,
              ARRAY['staking_pools_apy_percentage_check', 'staking_pools_lock_period_days_check', 'staking_pools_max_at_least_min', 'staking_pools_min_stake_amount_check', 'staking_pools_pkey', 'staking_pools_pool_name_check', 'staking_pools_pool_name_key'], 'token.staking_pools: constraints ' || 'staking_pools_apy_percentage_check, staking_pools_lock_period_days_check, staking_pools_max_at_least_min, staking_pools_min_stake_amount_check, staking_pools_pkey, staking_pools_pool_name_check, staking_pools_pool_name_key');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_constraint WHERE conrelid = 'token.staking_pools'::regclass AND conname = 'staking_pools_max_at_least_min'), 'pg_constraint') IS NOT NULL, 'token.staking_pools.staking_pools_max_at_least_min: has a comment');
SELECT indexes_are('token', 'staking_pools', ARRAY['staking_pools_active_type_idx', 'staking_pools_pkey', 'staking_pools_pool_name_key', 'staking_pools_pool_type_idx']::name[], 'token.staking_pools: indexes ' || 'staking_pools_active_type_idx, staking_pools_pkey, staking_pools_pool_name_key, staking_pools_pool_type_idx');
SELECT is(pg_catalog.pg_get_indexdef('token.staking_pools_active_type_idx'::regclass), 'CREATE INDEX staking_pools_active_type_idx ON token.staking_pools USING btree (pool_type) WHERE is_active', 'token.staking_pools.staking_pools_active_type_idx: definition');
SELECT is(pg_catalog.pg_get_indexdef('token.staking_pools_pkey'::regclass), 'CREATE UNIQUE INDEX staking_pools_pkey ON token.staking_pools USING btree (id)', 'token.staking_pools.staking_pools_pkey: definition');
SELECT is(pg_catalog.pg_get_indexdef('token.staking_pools_pool_name_key'::regclass), 'CREATE UNIQUE INDEX staking_pools_pool_name_key ON token.staking_pools USING btree (pool_name)', 'token.staking_pools.staking_pools_pool_name_key: definition');
SELECT is(pg_catalog.pg_get_indexdef('token.staking_pools_pool_type_idx'::regclass), 'CREATE INDEX staking_pools_pool_type_idx ON token.staking_pools USING btree (pool_type)', 'token.staking_pools.staking_pools_pool_type_idx: definition');
SELECT triggers_are('token', 'staking_pools', ARRAY['staking_pools_set_updated_at']::name[], 'token.staking_pools: triggers ' || 'staking_pools_set_updated_at');
SELECT trigger_is('token', 'staking_pools', 'staking_pools_set_updated_at', 'core', 'set_updated_at', 'token.staking_pools.staking_pools_set_updated_at: calls core.set_updated_at()');
SELECT ok((SELECT relrowsecurity AND relforcerowsecurity FROM pg_catalog.pg_class WHERE oid = 'token.staking_pools'::regclass), 'token.staking_pools: RLS enabled and forced');
SELECT policies_are('token', 'staking_pools', ARRAY['staking_pools_delete_app', 'staking_pools_insert_app', 'staking_pools_select_all', 'staking_pools_select_app', 'staking_pools_select_owner', 'staking_pools_select_readonly', 'staking_pools_update_app']::name[], 'token.staking_pools: policies');
SELECT policy_cmd_is('token', 'staking_pools', 'staking_pools_delete_app'::name, 'delete', 'token.staking_pools.staking_pools_delete_app: FOR delete');
SELECT policy_roles_are('token', 'staking_pools', 'staking_pools_delete_app', ARRAY['chain_app']::name[], 'token.staking_pools.staking_pools_delete_app: TO chain_app');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polrelid = 'token.staking_pools'::regclass AND polname = 'staking_pools_delete_app'), 'pg_policy') IS NOT NULL, 'token.staking_pools.staking_pools_delete_app: has a comment');
SELECT policy_cmd_is('token', 'staking_pools', 'staking_pools_insert_app'::name, 'insert', 'token.staking_pools.staking_pools_insert_app: FOR insert');
SELECT policy_roles_are('token', 'staking_pools', 'staking_pools_insert_app', ARRAY['chain_app']::name[], 'token.staking_pools.staking_pools_insert_app: TO chain_app');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polrelid = 'token.staking_pools'::regclass AND polname = 'staking_pools_insert_app'), 'pg_policy') IS NOT NULL, 'token.staking_pools.staking_pools_insert_app: has a comment');
SELECT policy_cmd_is('token', 'staking_pools', 'staking_pools_select_all'::name, 'select', 'token.staking_pools.staking_pools_select_all: FOR select');
SELECT policy_roles_are('token', 'staking_pools', 'staking_pools_select_all', ARRAY['chain_user']::name[], 'token.staking_pools.staking_pools_select_all: TO chain_user');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polrelid = 'token.staking_pools'::regclass AND polname = 'staking_pools_select_all'), 'pg_policy') IS NOT NULL, 'token.staking_pools.staking_pools_select_all: has a comment');
SELECT policy_cmd_is('token', 'staking_pools', 'staking_pools_select_app'::name, 'select', 'token.staking_pools.staking_pools_select_app: FOR select');
SELECT policy_roles_are('token', 'staking_pools', 'staking_pools_select_app', ARRAY['chain_app']::name[], 'token.staking_pools.staking_pools_select_app: TO chain_app');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polrelid = 'token.staking_pools'::regclass AND polname = 'staking_pools_select_app'), 'pg_policy') IS NOT NULL, 'token.staking_pools.staking_pools_select_app: has a comment');
SELECT policy_cmd_is('token', 'staking_pools', 'staking_pools_select_owner'::name, 'select', 'token.staking_pools.staking_pools_select_owner: FOR select');
SELECT policy_roles_are('token', 'staking_pools', 'staking_pools_select_owner', ARRAY['chain_owner']::name[], 'token.staking_pools.staking_pools_select_owner: TO chain_owner');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polrelid = 'token.staking_pools'::regclass AND polname = 'staking_pools_select_owner'), 'pg_policy') IS NOT NULL, 'token.staking_pools.staking_pools_select_owner: has a comment');
SELECT policy_cmd_is('token', 'staking_pools', 'staking_pools_select_readonly'::name, 'select', 'token.staking_pools.staking_pools_select_readonly: FOR select');
SELECT policy_roles_are('token', 'staking_pools', 'staking_pools_select_readonly', ARRAY['chain_readonly']::name[], 'token.staking_pools.staking_pools_select_readonly: TO chain_readonly');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polrelid = 'token.staking_pools'::regclass AND polname = 'staking_pools_select_readonly'), 'pg_policy') IS NOT NULL, 'token.staking_pools.staking_pools_select_readonly: has a comment');
SELECT policy_cmd_is('token', 'staking_pools', 'staking_pools_update_app'::name, 'update', 'token.staking_pools.staking_pools_update_app: FOR update');
SELECT policy_roles_are('token', 'staking_pools', 'staking_pools_update_app', ARRAY['chain_app']::name[], 'token.staking_pools.staking_pools_update_app: TO chain_app');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polrelid = 'token.staking_pools'::regclass AND polname = 'staking_pools_update_app'), 'pg_policy') IS NOT NULL, 'token.staking_pools.staking_pools_update_app: has a comment');
SELECT table_privs_are('token', 'staking_pools', 'chain_app', ARRAY['DELETE', 'INSERT', 'SELECT', 'UPDATE'], 'token.staking_pools: chain_app has DELETE, INSERT, SELECT, UPDATE');
SELECT table_privs_are('token', 'staking_pools', 'chain_user', ARRAY['SELECT'], 'token.staking_pools: chain_user has SELECT');
SELECT table_privs_are('token', 'staking_pools', 'chain_readonly', ARRAY['SELECT'], 'token.staking_pools: chain_readonly has SELECT');
SELECT table_privs_are('token', 'staking_pools', 'chain_analytics', ARRAY[]::text[], 'token.staking_pools: chain_analytics has nothing');
SELECT table_privs_are('token', 'staking_pools', 'public', ARRAY[]::text[], 'token.staking_pools: public has nothing');

INSERT INTO token.staking_pools (pool_name, pool_type, apy_percentage, min_stake_amount, max_stake_amount, lock_period_days)
VALUES ('Product', 'product', 12.5, 1000, 100000, 30);

-- behaviour: constraints
SELECT throws_ok($$INSERT INTO token.staking_pools (pool_name, pool_type, apy_percentage, min_stake_amount, lock_period_days) VALUES ('Product', 'product', 1, 1, 0)$$, '23505', NULL, 'token.staking_pools.staking_pools_pool_name_key: rejects a name twice');
SELECT throws_ok($$INSERT INTO token.staking_pools (pool_name, pool_type, apy_percentage, min_stake_amount, lock_period_days) VALUES ('', 'product', 1, 1, 0)$$, '23514', NULL, 'token.staking_pools.staking_pools_pool_name_check: rejects an empty name');
SELECT throws_ok($$INSERT INTO token.staking_pools (pool_name, pool_type, apy_percentage, min_stake_amount, lock_period_days) VALUES ('x', 'product', -1, 1, 0)$$, '23514', NULL, 'token.staking_pools.staking_pools_apy_percentage_check: rejects a negative APY');
SELECT throws_ok($$INSERT INTO token.staking_pools (pool_name, pool_type, apy_percentage, min_stake_amount, lock_period_days) VALUES ('x', 'product', 1, 0, 0)$$, '23514', NULL, 'token.staking_pools.staking_pools_min_stake_amount_check: rejects a zero minimum');
SELECT throws_ok($$INSERT INTO token.staking_pools (pool_name, pool_type, apy_percentage, min_stake_amount, max_stake_amount, lock_period_days) VALUES ('x', 'product', 1, 10, 9, 0)$$, '23514', NULL, 'token.staking_pools.staking_pools_max_at_least_min: rejects a maximum below the minimum');
SELECT throws_ok($$INSERT INTO token.staking_pools (pool_name, pool_type, apy_percentage, min_stake_amount, lock_period_days) VALUES ('x', 'product', 1, 1, -1)$$, '23514', NULL, 'token.staking_pools.staking_pools_lock_period_days_check: rejects a negative lock period');
SELECT lives_ok($$INSERT INTO token.staking_pools (pool_name, pool_type, apy_percentage, min_stake_amount, max_stake_amount, lock_period_days) VALUES ('Open', 'governance', 0, 1, NULL, 0)$$, 'token.staking_pools: accepts no maximum, zero APY and no lock');
UPDATE token.staking_pools SET updated_at = '2000-01-01' WHERE pool_name = 'Product';
SELECT is((SELECT updated_at FROM token.staking_pools WHERE pool_name = 'Product'), now(), 'token.staking_pools.staking_pools_set_updated_at: fires on update');

-- behaviour: RLS
SELECT tests.act_as(1);
SELECT is((SELECT pg_catalog.count(*)::int FROM token.staking_pools), 2, 'token.staking_pools.staking_pools_select_all: an end user reads every pool');
SELECT throws_ok($$UPDATE token.staking_pools SET apy_percentage = 99$$, '42501', NULL, 'token.staking_pools: an end user cannot change a pool');
SELECT tests.act_as_role('chain_readonly');
SELECT is((SELECT pg_catalog.count(*)::int FROM token.staking_pools), 2, 'token.staking_pools.staking_pools_select_readonly: reporting reads every pool');
SELECT tests.act_as_role('chain_app');
SELECT is((SELECT pg_catalog.count(*)::int FROM token.staking_pools), 2, 'token.staking_pools.staking_pools_select_app: the backend reads every pool');
SELECT lives_ok($$INSERT INTO token.staking_pools (pool_name, pool_type, apy_percentage, min_stake_amount, lock_period_days) VALUES ('Tmp', 'compliance', 1, 1, 1)$$, 'token.staking_pools.staking_pools_insert_app: the backend creates pools');
SELECT lives_ok($$UPDATE token.staking_pools SET is_active = false WHERE pool_name = 'Tmp'$$, 'token.staking_pools.staking_pools_update_app: the backend closes pools');
SELECT lives_ok($$DELETE FROM token.staking_pools WHERE pool_name = 'Tmp'$$, 'token.staking_pools.staking_pools_delete_app: the backend deletes pools');
SELECT tests.reset_role();
SET LOCAL ROLE chain_owner;
SELECT is((SELECT pg_catalog.count(*)::int FROM token.staking_pools), 2, 'token.staking_pools.staking_pools_select_owner: chain_owner reads every pool');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
