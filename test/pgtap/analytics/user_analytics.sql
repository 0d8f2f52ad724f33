-- pgTAP: analytics/user_analytics — structure, ranges, read-only for everyone but update_analytics.
BEGIN;
SELECT plan(84);

-- the project's conventions (docs/conventions.md)
SELECT tests.table_conventions('analytics.user_analytics');

-- structure (from the deployed catalog)
SELECT has_table('analytics', 'user_analytics', 'analytics.user_analytics: exists');
SELECT table_owner_is('analytics', 'user_analytics', 'chain_owner', 'analytics.user_analytics: owned by chain_owner');
SELECT ok(pg_catalog.obj_description('analytics.user_analytics'::regclass, 'pg_class') IS NOT NULL, 'analytics.user_analytics: has a comment');
SELECT columns_are('analytics', 'user_analytics', ARRAY['user_id', 'total_products', 'total_checkpoints', 'total_trace_points', 'total_trace_tokens', 'trust_rating', 'last_activity_at', 'updated_at'], 'analytics.user_analytics: exactly these columns');
SELECT col_type_is('analytics', 'user_analytics', c, ty, 'analytics.user_analytics.' || c || ': ' || ty)
  FROM (VALUES ('user_id', 'bigint'), ('total_products', 'integer'), ('total_checkpoints', 'integer'), ('total_trace_points', 'bigint'), ('total_trace_tokens', 'numeric(36,18)'), ('trust_rating', 'numeric(5,2)'), ('last_activity_at', 'timestamp with time zone'), ('updated_at', 'timestamp with time zone')) AS v (c, ty);
SELECT col_not_null('analytics', 'user_analytics', c, 'analytics.user_analytics.' || c || ': not null') FROM pg_catalog.unnest(ARRAY['user_id', 'total_products', 'total_checkpoints', 'total_trace_points', 'total_trace_tokens', 'trust_rating', 'updated_at']::name[]) AS c;
SELECT col_is_null('analytics', 'user_analytics', c, 'analytics.user_analytics.' || c || ': nullable') FROM pg_catalog.unnest(ARRAY['last_activity_at']::name[]) AS c;
SELECT ok(pg_catalog.col_description('analytics.user_analytics'::regclass, a.attnum) IS NOT NULL, 'analytics.user_analytics.' || a.attname || ': has a comment')
  FROM pg_catalog.pg_attribute AS a WHERE a.attrelid = 'analytics.user_analytics'::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum;
SELECT set_eq($$SELECT conname::text FROM pg_catalog.pg_constraint WHERE conrelid = 'analytics.user_analytics'::regclass$$,
              ARRAY['user_analytics_pkey', 'user_analytics_total_checkpoints_check', 'user_analytics_total_products_check', 'user_analytics_total_trace_points_check', 'user_analytics_total_trace_tokens_check', 'user_analytics_trust_rating_check', 'user_analytics_user_id_fkey'], 'analytics.user_analytics: constraints ' || 'user_analytics_pkey, user_analytics_total_checkpoints_check, user_analytics_total_products_check, user_analytics_total_trace_points_check, user_analytics_total_trace_tokens_check, user_analytics_trust_rating_check, user_analytics_user_id_fkey');
SELECT indexes_are('analytics', 'user_analytics', ARRAY['user_analytics_pkey']::name[], 'analytics.user_analytics: indexes ' || 'user_analytics_pkey');
SELECT is(pg_catalog.pg_get_indexdef('analytics.user_analytics_pkey'::regclass), 'CREATE UNIQUE INDEX user_analytics_pkey ON analytics.user_analytics USING btree (user_id)', 'analytics.user_analytics.user_analytics_pkey: definition');
SELECT triggers_are('analytics', 'user_analytics', ARRAY['user_analytics_set_updated_at']::name[], 'analytics.user_analytics: triggers ' || 'user_analytics_set_updated_at');
SELECT trigger_is('analytics', 'user_analytics', 'user_analytics_set_updated_at', 'core', 'set_updated_at', 'analytics.user_analytics.user_analytics_set_updated_at: calls core.set_updated_at()');
SELECT ok((SELECT relrowsecurity AND relforcerowsecurity FROM pg_catalog.pg_class WHERE oid = 'analytics.user_analytics'::regclass), 'analytics.user_analytics: RLS enabled and forced');
SELECT policies_are('analytics', 'user_analytics', ARRAY['user_analytics_insert_owner', 'user_analytics_select_analytics', 'user_analytics_select_app', 'user_analytics_select_owner', 'user_analytics_select_readonly', 'user_analytics_update_owner']::name[], 'analytics.user_analytics: policies');
SELECT policy_cmd_is('analytics', 'user_analytics', 'user_analytics_insert_owner'::name, 'insert', 'analytics.user_analytics.user_analytics_insert_owner: FOR insert');
SELECT policy_roles_are('analytics', 'user_analytics', 'user_analytics_insert_owner', ARRAY['chain_owner']::name[], 'analytics.user_analytics.user_analytics_insert_owner: TO chain_owner');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polrelid = 'analytics.user_analytics'::regclass AND polname = 'user_analytics_insert_owner'), 'pg_policy') IS NOT NULL, 'analytics.user_analytics.user_analytics_insert_owner: has a comment');
SELECT policy_cmd_is('analytics', 'user_analytics', 'user_analytics_select_analytics'::name, 'select', 'analytics.user_analytics.user_analytics_select_analytics: FOR select');
SELECT policy_roles_are('analytics', 'user_analytics', 'user_analytics_select_analytics', ARRAY['chain_analytics']::name[], 'analytics.user_analytics.user_analytics_select_analytics: TO chain_analytics');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polrelid = 'analytics.user_analytics'::regclass AND polname = 'user_analytics_select_analytics'), 'pg_policy') IS NOT NULL, 'analytics.user_analytics.user_analytics_select_analytics: has a comment');
SELECT policy_cmd_is('analytics', 'user_analytics', 'user_analytics_select_app'::name, 'select', 'analytics.user_analytics.user_analytics_select_app: FOR select');
SELECT policy_roles_are('analytics', 'user_analytics', 'user_analytics_select_app', ARRAY['chain_app']::name[], 'analytics.user_analytics.user_analytics_select_app: TO chain_app');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polrelid = 'analytics.user_analytics'::regclass AND polname = 'user_analytics_select_app'), 'pg_policy') IS NOT NULL, 'analytics.user_analytics.user_analytics_select_app: has a comment');
SELECT policy_cmd_is('analytics', 'user_analytics', 'user_analytics_select_owner'::name, 'select', 'analytics.user_analytics.user_analytics_select_owner: FOR select');
SELECT policy_roles_are('analytics', 'user_analytics', 'user_analytics_select_owner', ARRAY['chain_owner']::name[], 'analytics.user_analytics.user_analytics_select_owner: TO chain_owner');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polrelid = 'analytics.user_analytics'::regclass AND polname = 'user_analytics_select_owner'), 'pg_policy') IS NOT NULL, 'analytics.user_analytics.user_analytics_select_owner: has a comment');
SELECT policy_cmd_is('analytics', 'user_analytics', 'user_analytics_select_readonly'::name, 'select', 'analytics.user_analytics.user_analytics_select_readonly: FOR select');
SELECT policy_roles_are('analytics', 'user_analytics', 'user_analytics_select_readonly', ARRAY['chain_readonly']::name[], 'analytics.user_analytics.user_analytics_select_readonly: TO chain_readonly');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polrelid = 'analytics.user_analytics'::regclass AND polname = 'user_analytics_select_readonly'), 'pg_policy') IS NOT NULL, 'analytics.user_analytics.user_analytics_select_readonly: has a comment');
SELECT policy_cmd_is('analytics', 'user_analytics', 'user_analytics_update_owner'::name, 'update', 'analytics.user_analytics.user_analytics_update_owner: FOR update');
SELECT policy_roles_are('analytics', 'user_analytics', 'user_analytics_update_owner', ARRAY['chain_owner']::name[], 'analytics.user_analytics.user_analytics_update_owner: TO chain_owner');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polrelid = 'analytics.user_analytics'::regclass AND polname = 'user_analytics_update_owner'), 'pg_policy') IS NOT NULL, 'analytics.user_analytics.user_analytics_update_owner: has a comment');
SELECT table_privs_are('analytics', 'user_analytics', 'chain_app', ARRAY['SELECT'], 'analytics.user_analytics: chain_app has SELECT');
SELECT table_privs_are('analytics', 'user_analytics', 'chain_user', ARRAY[]::text[], 'analytics.user_analytics: chain_user has nothing');
SELECT table_privs_are('analytics', 'user_analytics', 'chain_readonly', ARRAY['SELECT'], 'analytics.user_analytics: chain_readonly has SELECT');
SELECT table_privs_are('analytics', 'user_analytics', 'chain_analytics', ARRAY['SELECT'], 'analytics.user_analytics: chain_analytics has SELECT');
SELECT table_privs_are('analytics', 'user_analytics', 'public', ARRAY[]::text[], 'analytics.user_analytics: public has nothing');

INSERT INTO core.users (id, wallet_address) OVERRIDING SYSTEM VALUE VALUES
    (1, '0x1111111111111111111111111111111111111111'), (2, '0x2222222222222222222222222222222222222222');
INSERT INTO analytics.user_analytics (user_id, total_products, trust_rating) VALUES (1, 3, 40);

-- behaviour: constraints
SELECT throws_ok($$INSERT INTO analytics.user_analytics (user_id) VALUES (1)$$, '23505', NULL, 'analytics.user_analytics.user_analytics_pkey: one row per user (the upsert key)');
SELECT throws_ok($$INSERT INTO analytics.user_analytics (user_id) VALUES (999)$$, '23503', NULL, 'analytics.user_analytics.user_analytics_user_id_fkey: rejects an unknown user');
SELECT throws_ok($$INSERT INTO analytics.user_analytics (user_id, total_products) VALUES (2, -1)$$, '23514', NULL, 'analytics.user_analytics.user_analytics_total_products_check: rejects a negative count');
SELECT throws_ok($$INSERT INTO analytics.user_analytics (user_id, total_checkpoints) VALUES (2, -1)$$, '23514', NULL, 'analytics.user_analytics.user_analytics_total_checkpoints_check: rejects a negative count');
SELECT throws_ok($$INSERT INTO analytics.user_analytics (user_id, total_trace_points) VALUES (2, -1)$$, '23514', NULL, 'analytics.user_analytics.user_analytics_total_trace_points_check: rejects negative points');
SELECT throws_ok($$INSERT INTO analytics.user_analytics (user_id, total_trace_tokens) VALUES (2, -1)$$, '23514', NULL, 'analytics.user_analytics.user_analytics_total_trace_tokens_check: rejects negative tokens');
SELECT throws_ok($$INSERT INTO analytics.user_analytics (user_id, trust_rating) VALUES (2, 100.5)$$, '23514', NULL, 'analytics.user_analytics.user_analytics_trust_rating_check: rejects above 100');

UPDATE analytics.user_analytics SET updated_at = '2000-01-01' WHERE user_id = 1;
SELECT is((SELECT updated_at FROM analytics.user_analytics WHERE user_id = 1), now(), 'analytics.user_analytics.user_analytics_set_updated_at: fires on update');

-- behaviour: RLS and privileges
SELECT tests.act_as_role('chain_analytics');
SELECT is((SELECT pg_catalog.count(*)::int FROM analytics.user_analytics), 1, 'analytics.user_analytics.user_analytics_select_analytics: dashboards read every row');
SELECT tests.act_as_role('chain_app');
SELECT is((SELECT pg_catalog.count(*)::int FROM analytics.user_analytics), 1, 'analytics.user_analytics.user_analytics_select_app: the backend reads every row');
SELECT throws_ok($$UPDATE analytics.user_analytics SET trust_rating = 100$$, '42501', NULL, 'analytics.user_analytics: the backend cannot write derived data');
SELECT tests.act_as_role('chain_readonly');
SELECT is((SELECT pg_catalog.count(*)::int FROM analytics.user_analytics), 1, 'analytics.user_analytics.user_analytics_select_readonly: reporting reads every row');
SELECT tests.act_as(1);
SELECT throws_ok($$SELECT * FROM analytics.user_analytics$$, '42501', NULL, 'analytics.user_analytics: end users have no direct access (schema analytics)');
SELECT tests.reset_role();
SET LOCAL ROLE chain_owner;
SELECT is((SELECT pg_catalog.count(*)::int FROM analytics.user_analytics), 1, 'analytics.user_analytics.user_analytics_select_owner: update_analytics reads');
SELECT lives_ok($$INSERT INTO analytics.user_analytics (user_id) VALUES (2)$$, 'analytics.user_analytics.user_analytics_insert_owner: update_analytics inserts');
SELECT lives_ok($$UPDATE analytics.user_analytics SET total_products = 1 WHERE user_id = 2$$, 'analytics.user_analytics.user_analytics_update_owner: update_analytics updates');
RESET ROLE;
DELETE FROM core.users WHERE id = 2;
SELECT is((SELECT pg_catalog.count(*)::int FROM analytics.user_analytics), 1, 'analytics.user_analytics.user_analytics_user_id_fkey: CASCADE with the user (derived)');

SELECT * FROM finish();
ROLLBACK;
