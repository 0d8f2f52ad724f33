-- pgTAP: token/trace_points — structure, constraints, own-row RLS.
BEGIN;
SELECT plan(111);

-- the project's conventions (docs/conventions.md)
SELECT tests.table_conventions('token.trace_points');

-- structure (from the deployed catalog)
SELECT has_table('token', 'trace_points', 'token.trace_points: exists');
SELECT table_owner_is('token', 'trace_points', 'chain_owner', 'token.trace_points: owned by chain_owner');
SELECT ok(pg_catalog.obj_description('token.trace_points'::regclass, 'pg_class') IS NOT NULL, 'token.trace_points: has a comment');
SELECT columns_are('token', 'trace_points', ARRAY['id', 'user_id', 'points', 'points_type', 'source_product_id', 'source_checkpoint_id', 'description', 'created_at', 'expires_at', 'is_claimed', 'claimed_at', 'metadata'], 'token.trace_points: exactly these columns');
SELECT col_type_is('token', 'trace_points', c, ty, 'token.trace_points.' || c || ': ' || ty)
  FROM (VALUES ('id', 'bigint'), ('user_id', 'bigint'), ('points', 'bigint'), ('points_type', 'text'), ('source_product_id', 'bigint'), ('source_checkpoint_id', 'bigint'), ('description', 'text'), ('created_at', 'timestamp with time zone'), ('expires_at', 'timestamp with time zone'), ('is_claimed', 'boolean'), ('claimed_at', 'timestamp with time zone'), ('metadata', 'jsonb')) AS v (c, ty);
SELECT col_not_null('token', 'trace_points', c, 'token.trace_points.' || c || ': not null') FROM pg_catalog.unnest(ARRAY['id', 'user_id', 'points', 'points_type', 'created_at', 'is_claimed', 'metadata']::name[]) AS c;
SELECT col_is_null('token', 'trace_points', c, 'token.trace_points.' || c || ': nullable') FROM pg_catalog.unnest(ARRAY['source_product_id', 'source_checkpoint_id', 'description', 'expires_at', 'claimed_at']::name[]) AS c;
SELECT ok(pg_catalog.col_description('token.trace_points'::regclass, a.attnum) IS NOT NULL, 'token.trace_points.' || a.attname || ': has a comment')
  FROM pg_catalog.pg_attribute AS a WHERE a.attrelid = 'token.trace_points'::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum;
SELECT set_eq($$SELECT conname::text FROM pg_catalog.pg_constraint WHERE conrelid = 'token.trace_points'::regclass$$,
              ARRAY['trace_points_claim_consistent', 'trace_points_description_check', 'trace_points_expiry_after_creation', 'trace_points_metadata_check', 'trace_points_pkey', 'trace_points_points_check', 'trace_points_points_type_check', 'trace_points_source_checkpoint_id_fkey', 'trace_points_source_product_id_fkey', 'trace_points_user_id_fkey'], 'token.trace_points: constraints ' || 'trace_points_claim_consistent, trace_points_description_check, trace_points_expiry_after_creation, trace_points_metadata_check, trace_points_pkey, trace_points_points_check, trace_points_points_type_check, trace_points_source_checkpoint_id_fkey, trace_points_source_product_id_fkey, trace_points_user_id_fkey');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_constraint WHERE conrelid = 'token.trace_points'::regclass AND conname = 'trace_points_claim_consistent'), 'pg_constraint') IS NOT NULL, 'token.trace_points.trace_points_claim_consistent: has a comment');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_constraint WHERE conrelid = 'token.trace_points'::regclass AND conname = 'trace_points_expiry_after_creation'), 'pg_constraint') IS NOT NULL, 'token.trace_points.trace_points_expiry_after_creation: has a comment');
SELECT indexes_are('token', 'trace_points', ARRAY['trace_points_created_at_idx', 'trace_points_pkey', 'trace_points_points_type_idx', 'trace_points_source_checkpoint_id_idx', 'trace_points_source_product_id_idx', 'trace_points_unclaimed_idx', 'trace_points_user_id_created_at_idx']::name[], 'token.trace_points: indexes ' || 'trace_points_created_at_idx, trace_points_pkey, trace_points_points_type_idx, trace_points_source_checkpoint_id_idx, trace_points_source_product_id_idx, trace_points_unclaimed_idx, trace_points_user_id_created_at_idx');
SELECT is(pg_catalog.pg_get_indexdef('token.trace_points_created_at_idx'::regclass), 'CREATE INDEX trace_points_created_at_idx ON token.trace_points USING btree (created_at)', 'token.trace_points.trace_points_created_at_idx: definition');
SELECT is(pg_catalog.pg_get_indexdef('token.trace_points_pkey'::regclass), 'CREATE UNIQUE INDEX trace_points_pkey ON token.trace_points USING btree (id)', 'token.trace_points.trace_points_pkey: definition');
SELECT is(pg_catalog.pg_get_indexdef('token.trace_points_points_type_idx'::regclass), 'CREATE INDEX trace_points_points_type_idx ON token.trace_points USING btree (points_type)', 'token.trace_points.trace_points_points_type_idx: definition');
SELECT is(pg_catalog.pg_get_indexdef('token.trace_points_source_checkpoint_id_idx'::regclass), 'CREATE INDEX trace_points_source_checkpoint_id_idx ON token.trace_points USING btree (source_checkpoint_id)', 'token.trace_points.trace_points_source_checkpoint_id_idx: definition');
SELECT is(pg_catalog.pg_get_indexdef('token.trace_points_source_product_id_idx'::regclass), 'CREATE INDEX trace_points_source_product_id_idx ON token.trace_points USING btree (source_product_id)', 'token.trace_points.trace_points_source_product_id_idx: definition');
SELECT is(pg_catalog.pg_get_indexdef('token.trace_points_unclaimed_idx'::regclass), 'CREATE INDEX trace_points_unclaimed_idx ON token.trace_points USING btree (user_id) WHERE (NOT is_claimed)', 'token.trace_points.trace_points_unclaimed_idx: definition');
SELECT is(pg_catalog.pg_get_indexdef('token.trace_points_user_id_created_at_idx'::regclass), 'CREATE INDEX trace_points_user_id_created_at_idx ON token.trace_points USING btree (user_id, created_at DESC)', 'token.trace_points.trace_points_user_id_created_at_idx: definition');
SELECT triggers_are('token', 'trace_points', ARRAY[]::name[], 'token.trace_points: triggers ' || '');
SELECT ok((SELECT relrowsecurity AND relforcerowsecurity FROM pg_catalog.pg_class WHERE oid = 'token.trace_points'::regclass), 'token.trace_points: RLS enabled and forced');
SELECT policies_are('token', 'trace_points', ARRAY['trace_points_delete_app', 'trace_points_insert_app', 'trace_points_select_app', 'trace_points_select_own', 'trace_points_select_owner', 'trace_points_select_readonly', 'trace_points_update_app']::name[], 'token.trace_points: policies');
SELECT policy_cmd_is('token', 'trace_points', 'trace_points_delete_app'::name, 'delete', 'token.trace_points.trace_points_delete_app: FOR delete');
SELECT policy_roles_are('token', 'trace_points', 'trace_points_delete_app', ARRAY['chain_app']::name[], 'token.trace_points.trace_points_delete_app: TO chain_app');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polrelid = 'token.trace_points'::regclass AND polname = 'trace_points_delete_app'), 'pg_policy') IS NOT NULL, 'token.trace_points.trace_points_delete_app: has a comment');
SELECT policy_cmd_is('token', 'trace_points', 'trace_points_insert_app'::name, 'insert', 'token.trace_points.trace_points_insert_app: FOR insert');
SELECT policy_roles_are('token', 'trace_points', 'trace_points_insert_app', ARRAY['chain_app']::name[], 'token.trace_points.trace_points_insert_app: TO chain_app');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polrelid = 'token.trace_points'::regclass AND polname = 'trace_points_insert_app'), 'pg_policy') IS NOT NULL, 'token.trace_points.trace_points_insert_app: has a comment');
SELECT policy_cmd_is('token', 'trace_points', 'trace_points_select_app'::name, 'select', 'token.trace_points.trace_points_select_app: FOR select');
SELECT policy_roles_are('token', 'trace_points', 'trace_points_select_app', ARRAY['chain_app']::name[], 'token.trace_points.trace_points_select_app: TO chain_app');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polrelid = 'token.trace_points'::regclass AND polname = 'trace_points_select_app'), 'pg_policy') IS NOT NULL, 'token.trace_points.trace_points_select_app: has a comment');
SELECT policy_cmd_is('token', 'trace_points', 'trace_points_select_own'::name, 'select', 'token.trace_points.trace_points_select_own: FOR select');
SELECT policy_roles_are('token', 'trace_points', 'trace_points_select_own', ARRAY['chain_user']::name[], 'token.trace_points.trace_points_select_own: TO chain_user');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polrelid = 'token.trace_points'::regclass AND polname = 'trace_points_select_own'), 'pg_policy') IS NOT NULL, 'token.trace_points.trace_points_select_own: has a comment');
SELECT policy_cmd_is('token', 'trace_points', 'trace_points_select_owner'::name, 'select', 'token.trace_points.trace_points_select_owner: FOR select');
SELECT policy_roles_are('token', 'trace_points', 'trace_points_select_owner', ARRAY['chain_owner']::name[], 'token.trace_points.trace_points_select_owner: TO chain_owner');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polrelid = 'token.trace_points'::regclass AND polname = 'trace_points_select_owner'), 'pg_policy') IS NOT NULL, 'token.trace_points.trace_points_select_owner: has a comment');
SELECT policy_cmd_is('token', 'trace_points', 'trace_points_select_readonly'::name, 'select', 'token.trace_points.trace_points_select_readonly: FOR select');
SELECT policy_roles_are('token', 'trace_points', 'trace_points_select_readonly', ARRAY['chain_readonly']::name[], 'token.trace_points.trace_points_select_readonly: TO chain_readonly');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polrelid = 'token.trace_points'::regclass AND polname = 'trace_points_select_readonly'), 'pg_policy') IS NOT NULL, 'token.trace_points.trace_points_select_readonly: has a comment');
SELECT policy_cmd_is('token', 'trace_points', 'trace_points_update_app'::name, 'update', 'token.trace_points.trace_points_update_app: FOR update');
SELECT policy_roles_are('token', 'trace_points', 'trace_points_update_app', ARRAY['chain_app']::name[], 'token.trace_points.trace_points_update_app: TO chain_app');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polrelid = 'token.trace_points'::regclass AND polname = 'trace_points_update_app'), 'pg_policy') IS NOT NULL, 'token.trace_points.trace_points_update_app: has a comment');
SELECT table_privs_are('token', 'trace_points', 'chain_app', ARRAY['DELETE', 'INSERT', 'SELECT', 'UPDATE'], 'token.trace_points: chain_app has DELETE, INSERT, SELECT, UPDATE');
SELECT table_privs_are('token', 'trace_points', 'chain_user', ARRAY['SELECT'], 'token.trace_points: chain_user has SELECT');
SELECT table_privs_are('token', 'trace_points', 'chain_readonly', ARRAY['SELECT'], 'token.trace_points: chain_readonly has SELECT');
SELECT table_privs_are('token', 'trace_points', 'chain_analytics', ARRAY[]::text[], 'token.trace_points: chain_analytics has nothing');
SELECT table_privs_are('token', 'trace_points', 'public', ARRAY[]::text[], 'token.trace_points: public has nothing');

-- fixture, inserted as the test's owner: two users, a product with a checkpoint, points of both users
INSERT INTO core.users (id, wallet_address) OVERRIDING SYSTEM VALUE VALUES
    (1, '0x1111111111111111111111111111111111111111'),
    (2, '0x2222222222222222222222222222222222222222');
INSERT INTO trace.products (product_id, product_name, product_type, manufacturer_id, batch_number, manufacture_date)
VALUES (100, 'Aspirin', 'pharmaceutical', 1, 'B-1', '2026-01-01');
INSERT INTO trace.checkpoints (id, product_id, "timestamp", location, stakeholder_id, status) OVERRIDING SYSTEM VALUE
SELECT 500, 100, '2026-01-02', 'Plant', id, 'manufactured' FROM trace.stakeholders WHERE product_id = 100;
INSERT INTO token.trace_points (user_id, points, points_type, source_product_id, source_checkpoint_id) VALUES
    (1, 10, 'checkpoint', 100, 500), (1, 5, 'referral', NULL, NULL), (2, 7, 'verification', 100, NULL);

-- behaviour: constraints
SELECT throws_ok($$INSERT INTO token.trace_points (user_id, points, points_type) VALUES (1, 0, 'checkpoint')$$, '23514', NULL, 'token.trace_points.trace_points_points_check: rejects zero points');
SELECT throws_ok($$INSERT INTO token.trace_points (user_id, points, points_type) VALUES (1, 1, 'Check-point')$$, '23514', NULL, 'token.trace_points.trace_points_points_type_check: rejects a malformed type');
SELECT throws_ok($$INSERT INTO token.trace_points (user_id, points, points_type, description) VALUES (1, 1, 'x', repeat('d', 1001))$$, '23514', NULL, 'token.trace_points.trace_points_description_check: rejects over 1000 characters');
SELECT throws_ok($$INSERT INTO token.trace_points (user_id, points, points_type, expires_at) VALUES (1, 1, 'x', now() - interval '1 day')$$, '23514', NULL, 'token.trace_points.trace_points_expiry_after_creation: rejects an expiry in the past');
SELECT throws_ok($$INSERT INTO token.trace_points (user_id, points, points_type, is_claimed) VALUES (1, 1, 'x', true)$$, '23514', NULL, 'token.trace_points.trace_points_claim_consistent: rejects claimed without claimed_at');
SELECT throws_ok($$INSERT INTO token.trace_points (user_id, points, points_type, claimed_at) VALUES (1, 1, 'x', now())$$, '23514', NULL, 'token.trace_points.trace_points_claim_consistent: rejects claimed_at on unclaimed points');
SELECT throws_ok($$INSERT INTO token.trace_points (user_id, points, points_type, metadata) VALUES (1, 1, 'x', '"s"')$$, '23514', NULL, 'token.trace_points.trace_points_metadata_check: rejects a non-object');
SELECT throws_ok($$INSERT INTO token.trace_points (user_id, points, points_type) VALUES (99, 1, 'x')$$, '23503', NULL, 'token.trace_points.trace_points_user_id_fkey: rejects an unknown user');
SELECT throws_ok($$INSERT INTO token.trace_points (user_id, points, points_type, source_product_id) VALUES (1, 1, 'x', 999)$$, '23503', NULL, 'token.trace_points.trace_points_source_product_id_fkey: rejects an unknown product');
SELECT throws_ok($$INSERT INTO token.trace_points (user_id, points, points_type, source_checkpoint_id) VALUES (1, 1, 'x', 999)$$, '23503', NULL, 'token.trace_points.trace_points_source_checkpoint_id_fkey: rejects an unknown checkpoint');
SELECT lives_ok($$UPDATE token.trace_points SET is_claimed = true, claimed_at = now() WHERE points_type = 'referral'$$, 'token.trace_points: accepts a claim with its time');
SELECT throws_ok($$DELETE FROM trace.checkpoints WHERE id = 500$$, '23503', NULL, 'token.trace_points.trace_points_source_checkpoint_id_fkey: the source checkpoint cannot be deleted (RESTRICT)');

-- behaviour: RLS
SELECT tests.act_as(1);
SELECT is((SELECT pg_catalog.count(*)::int FROM token.trace_points), 2, 'token.trace_points.trace_points_select_own: a user reads only its own points');
SELECT throws_ok($$INSERT INTO token.trace_points (user_id, points, points_type) VALUES (1, 1000, 'checkpoint')$$, '42501', NULL, 'token.trace_points: a user cannot award itself points');
SELECT throws_ok($$UPDATE token.trace_points SET points = 1000$$, '42501', NULL, 'token.trace_points: a user cannot change its points');
SELECT tests.act_as(2);
SELECT is((SELECT pg_catalog.sum(points)::int FROM token.trace_points), 7, 'token.trace_points.trace_points_select_own: user 2 sees none of user 1''s');
SELECT tests.act_as_role('chain_readonly');
SELECT is((SELECT pg_catalog.count(*)::int FROM token.trace_points), 3, 'token.trace_points.trace_points_select_readonly: reporting reads every row');
SELECT tests.act_as_role('chain_app');
SELECT is((SELECT pg_catalog.count(*)::int FROM token.trace_points), 3, 'token.trace_points.trace_points_select_app: the backend reads every row');
SELECT lives_ok($$INSERT INTO token.trace_points (user_id, points, points_type) VALUES (2, 3, 'checkpoint')$$, 'token.trace_points.trace_points_insert_app: the backend awards points');
SELECT lives_ok($$UPDATE token.trace_points SET is_claimed = true, claimed_at = now() WHERE user_id = 2$$, 'token.trace_points.trace_points_update_app: the backend marks points claimed');
SELECT lives_ok($$DELETE FROM token.trace_points WHERE user_id = 2 AND points = 3$$, 'token.trace_points.trace_points_delete_app: the backend purges points');
SELECT tests.reset_role();
SET LOCAL ROLE chain_owner;
SELECT is((SELECT pg_catalog.count(*)::int FROM token.trace_points), 3, 'token.trace_points.trace_points_select_owner: chain_owner reads every row');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
