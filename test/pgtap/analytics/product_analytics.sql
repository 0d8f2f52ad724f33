-- pgTAP: analytics/product_analytics — structure, ranges, read-only for everyone but update_analytics.
BEGIN;
SELECT plan(85);

-- the project's conventions (docs/conventions.md)
SELECT tests.table_conventions('analytics.product_analytics');

-- structure (from the deployed catalog)
SELECT has_table('analytics', 'product_analytics', 'analytics.product_analytics: exists');
SELECT table_owner_is('analytics', 'product_analytics', 'chain_owner', 'analytics.product_analytics: owned by chain_owner');
SELECT ok(pg_catalog.obj_description('analytics.product_analytics'::regclass, 'pg_class') IS NOT NULL, 'analytics.product_analytics: has a comment');
SELECT columns_are('analytics', 'product_analytics', ARRAY['product_id', 'total_checkpoints', 'total_stakeholders', 'trace_duration_hours', 'compliance_score', 'trust_score', 'last_checkpoint_at', 'updated_at'], 'analytics.product_analytics: exactly these columns');
SELECT col_type_is('analytics', 'product_analytics', c, ty, 'analytics.product_analytics.' || c || ': ' || ty)
  FROM (VALUES ('product_id', 'bigint'), ('total_checkpoints', 'integer'), ('total_stakeholders', 'integer'), ('trace_duration_hours', 'numeric(10,2)'), ('compliance_score', 'numeric(5,2)'), ('trust_score', 'numeric(5,2)'), ('last_checkpoint_at', 'timestamp with time zone'), ('updated_at', 'timestamp with time zone')) AS v (c, ty);
SELECT col_not_null('analytics', 'product_analytics', c, 'analytics.product_analytics.' || c || ': not null') FROM pg_catalog.unnest(ARRAY['product_id', 'total_checkpoints', 'total_stakeholders', 'updated_at']::name[]) AS c;
SELECT col_is_null('analytics', 'product_analytics', c, 'analytics.product_analytics.' || c || ': nullable') FROM pg_catalog.unnest(ARRAY['trace_duration_hours', 'compliance_score', 'trust_score', 'last_checkpoint_at']::name[]) AS c;
SELECT ok(pg_catalog.col_description('analytics.product_analytics'::regclass, a.attnum) IS NOT NULL, 'analytics.product_analytics.' || a.attname || ': has a comment')
  FROM pg_catalog.pg_attribute AS a WHERE a.attrelid = 'analytics.product_analytics'::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum;
SELECT set_eq($$SELECT conname::text FROM pg_catalog.pg_constraint WHERE conrelid = 'analytics.product_analytics'::regclass$$,
              ARRAY['product_analytics_compliance_score_check', 'product_analytics_pkey', 'product_analytics_product_id_fkey', 'product_analytics_total_checkpoints_check', 'product_analytics_total_stakeholders_check', 'product_analytics_trace_duration_hours_check', 'product_analytics_trust_score_check'], 'analytics.product_analytics: constraints ' || 'product_analytics_compliance_score_check, product_analytics_pkey, product_analytics_product_id_fkey, product_analytics_total_checkpoints_check, product_analytics_total_stakeholders_check, product_analytics_trace_duration_hours_check, product_analytics_trust_score_check');
SELECT indexes_are('analytics', 'product_analytics', ARRAY['product_analytics_pkey']::name[], 'analytics.product_analytics: indexes ' || 'product_analytics_pkey');
SELECT is(pg_catalog.pg_get_indexdef('analytics.product_analytics_pkey'::regclass), 'CREATE UNIQUE INDEX product_analytics_pkey ON analytics.product_analytics USING btree (product_id)', 'analytics.product_analytics.product_analytics_pkey: definition');
SELECT triggers_are('analytics', 'product_analytics', ARRAY['product_analytics_set_updated_at']::name[], 'analytics.product_analytics: triggers ' || 'product_analytics_set_updated_at');
SELECT trigger_is('analytics', 'product_analytics', 'product_analytics_set_updated_at', 'core', 'set_updated_at', 'analytics.product_analytics.product_analytics_set_updated_at: calls core.set_updated_at()');
SELECT ok((SELECT relrowsecurity AND relforcerowsecurity FROM pg_catalog.pg_class WHERE oid = 'analytics.product_analytics'::regclass), 'analytics.product_analytics: RLS enabled and forced');
SELECT policies_are('analytics', 'product_analytics', ARRAY['product_analytics_insert_owner', 'product_analytics_select_analytics', 'product_analytics_select_app', 'product_analytics_select_owner', 'product_analytics_select_readonly', 'product_analytics_update_owner']::name[], 'analytics.product_analytics: policies');
SELECT policy_cmd_is('analytics', 'product_analytics', 'product_analytics_insert_owner'::name, 'insert', 'analytics.product_analytics.product_analytics_insert_owner: FOR insert');
SELECT policy_roles_are('analytics', 'product_analytics', 'product_analytics_insert_owner', ARRAY['chain_owner']::name[], 'analytics.product_analytics.product_analytics_insert_owner: TO chain_owner');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polrelid = 'analytics.product_analytics'::regclass AND polname = 'product_analytics_insert_owner'), 'pg_policy') IS NOT NULL, 'analytics.product_analytics.product_analytics_insert_owner: has a comment');
SELECT policy_cmd_is('analytics', 'product_analytics', 'product_analytics_select_analytics'::name, 'select', 'analytics.product_analytics.product_analytics_select_analytics: FOR select');
SELECT policy_roles_are('analytics', 'product_analytics', 'product_analytics_select_analytics', ARRAY['chain_analytics']::name[], 'analytics.product_analytics.product_analytics_select_analytics: TO chain_analytics');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polrelid = 'analytics.product_analytics'::regclass AND polname = 'product_analytics_select_analytics'), 'pg_policy') IS NOT NULL, 'analytics.product_analytics.product_analytics_select_analytics: has a comment');
SELECT policy_cmd_is('analytics', 'product_analytics', 'product_analytics_select_app'::name, 'select', 'analytics.product_analytics.product_analytics_select_app: FOR select');
SELECT policy_roles_are('analytics', 'product_analytics', 'product_analytics_select_app', ARRAY['chain_app']::name[], 'analytics.product_analytics.product_analytics_select_app: TO chain_app');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polrelid = 'analytics.product_analytics'::regclass AND polname = 'product_analytics_select_app'), 'pg_policy') IS NOT NULL, 'analytics.product_analytics.product_analytics_select_app: has a comment');
SELECT policy_cmd_is('analytics', 'product_analytics', 'product_analytics_select_owner'::name, 'select', 'analytics.product_analytics.product_analytics_select_owner: FOR select');
SELECT policy_roles_are('analytics', 'product_analytics', 'product_analytics_select_owner', ARRAY['chain_owner']::name[], 'analytics.product_analytics.product_analytics_select_owner: TO chain_owner');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polrelid = 'analytics.product_analytics'::regclass AND polname = 'product_analytics_select_owner'), 'pg_policy') IS NOT NULL, 'analytics.product_analytics.product_analytics_select_owner: has a comment');
SELECT policy_cmd_is('analytics', 'product_analytics', 'product_analytics_select_readonly'::name, 'select', 'analytics.product_analytics.product_analytics_select_readonly: FOR select');
SELECT policy_roles_are('analytics', 'product_analytics', 'product_analytics_select_readonly', ARRAY['chain_readonly']::name[], 'analytics.product_analytics.product_analytics_select_readonly: TO chain_readonly');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polrelid = 'analytics.product_analytics'::regclass AND polname = 'product_analytics_select_readonly'), 'pg_policy') IS NOT NULL, 'analytics.product_analytics.product_analytics_select_readonly: has a comment');
SELECT policy_cmd_is('analytics', 'product_analytics', 'product_analytics_update_owner'::name, 'update', 'analytics.product_analytics.product_analytics_update_owner: FOR update');
SELECT policy_roles_are('analytics', 'product_analytics', 'product_analytics_update_owner', ARRAY['chain_owner']::name[], 'analytics.product_analytics.product_analytics_update_owner: TO chain_owner');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polrelid = 'analytics.product_analytics'::regclass AND polname = 'product_analytics_update_owner'), 'pg_policy') IS NOT NULL, 'analytics.product_analytics.product_analytics_update_owner: has a comment');
SELECT table_privs_are('analytics', 'product_analytics', 'chain_app', ARRAY['SELECT'], 'analytics.product_analytics: chain_app has SELECT');
SELECT table_privs_are('analytics', 'product_analytics', 'chain_user', ARRAY[]::text[], 'analytics.product_analytics: chain_user has nothing');
SELECT table_privs_are('analytics', 'product_analytics', 'chain_readonly', ARRAY['SELECT'], 'analytics.product_analytics: chain_readonly has SELECT');
SELECT table_privs_are('analytics', 'product_analytics', 'chain_analytics', ARRAY['SELECT'], 'analytics.product_analytics: chain_analytics has SELECT');
SELECT table_privs_are('analytics', 'product_analytics', 'public', ARRAY[]::text[], 'analytics.product_analytics: public has nothing');

-- fixture, inserted as the test's owner: a product and its analytics row
INSERT INTO core.users (id, wallet_address) OVERRIDING SYSTEM VALUE VALUES (1, '0x1111111111111111111111111111111111111111');
INSERT INTO trace.products (product_id, product_name, product_type, manufacturer_id, batch_number, manufacture_date)
VALUES (100, 'Aspirin', 'pharmaceutical', 1, 'B-1', '2026-01-01'), (101, 'Coffee', 'food', 1, 'C-1', '2026-01-01');
INSERT INTO analytics.product_analytics (product_id, total_checkpoints, compliance_score, trust_score) VALUES (100, 3, 50, 40);

-- behaviour: constraints
SELECT throws_ok($$INSERT INTO analytics.product_analytics (product_id) VALUES (100)$$, '23505', NULL, 'analytics.product_analytics.product_analytics_pkey: one row per product (the upsert key)');
SELECT throws_ok($$INSERT INTO analytics.product_analytics (product_id) VALUES (999)$$, '23503', NULL, 'analytics.product_analytics.product_analytics_product_id_fkey: rejects an unknown product');
SELECT throws_ok($$INSERT INTO analytics.product_analytics (product_id, total_checkpoints) VALUES (101, -1)$$, '23514', NULL, 'analytics.product_analytics.product_analytics_total_checkpoints_check: rejects a negative count');
SELECT throws_ok($$INSERT INTO analytics.product_analytics (product_id, total_stakeholders) VALUES (101, -1)$$, '23514', NULL, 'analytics.product_analytics.product_analytics_total_stakeholders_check: rejects a negative count');
SELECT throws_ok($$INSERT INTO analytics.product_analytics (product_id, trace_duration_hours) VALUES (101, -1)$$, '23514', NULL, 'analytics.product_analytics.product_analytics_trace_duration_hours_check: rejects a negative duration');
SELECT throws_ok($$INSERT INTO analytics.product_analytics (product_id, compliance_score) VALUES (101, 100.01)$$, '23514', NULL, 'analytics.product_analytics.product_analytics_compliance_score_check: rejects above 100');
SELECT throws_ok($$INSERT INTO analytics.product_analytics (product_id, trust_score) VALUES (101, -0.01)$$, '23514', NULL, 'analytics.product_analytics.product_analytics_trust_score_check: rejects below 0');

UPDATE analytics.product_analytics SET updated_at = '2000-01-01' WHERE product_id = 100;
SELECT is((SELECT updated_at FROM analytics.product_analytics WHERE product_id = 100), now(), 'analytics.product_analytics.product_analytics_set_updated_at: fires on update');

-- behaviour: RLS and privileges
SELECT tests.act_as_role('chain_analytics');
SELECT is((SELECT pg_catalog.count(*)::int FROM analytics.product_analytics), 1, 'analytics.product_analytics.product_analytics_select_analytics: dashboards read every row');
SELECT throws_ok($$UPDATE analytics.product_analytics SET trust_score = 100$$, '42501', NULL, 'analytics.product_analytics: chain_analytics cannot write');
SELECT tests.act_as_role('chain_app');
SELECT is((SELECT pg_catalog.count(*)::int FROM analytics.product_analytics), 1, 'analytics.product_analytics.product_analytics_select_app: the backend reads every row');
SELECT throws_ok($$DELETE FROM analytics.product_analytics$$, '42501', NULL, 'analytics.product_analytics: the backend cannot write derived data');
SELECT tests.act_as_role('chain_readonly');
SELECT is((SELECT pg_catalog.count(*)::int FROM analytics.product_analytics), 1, 'analytics.product_analytics.product_analytics_select_readonly: reporting reads every row');
SELECT tests.act_as(1);
SELECT throws_ok($$SELECT * FROM analytics.product_analytics$$, '42501', NULL, 'analytics.product_analytics: end users have no access (schema analytics)');
SELECT tests.reset_role();
SET LOCAL ROLE chain_owner;
SELECT is((SELECT pg_catalog.count(*)::int FROM analytics.product_analytics), 1, 'analytics.product_analytics.product_analytics_select_owner: update_analytics reads');
SELECT lives_ok($$INSERT INTO analytics.product_analytics (product_id) VALUES (101)$$, 'analytics.product_analytics.product_analytics_insert_owner: update_analytics inserts');
SELECT lives_ok($$UPDATE analytics.product_analytics SET total_checkpoints = 1 WHERE product_id = 101$$, 'analytics.product_analytics.product_analytics_update_owner: update_analytics updates');
RESET ROLE;
DELETE FROM analytics.product_analytics WHERE product_id = 101;
DELETE FROM trace.products WHERE product_id = 100;
SELECT is((SELECT pg_catalog.count(*)::int FROM analytics.product_analytics), 0, 'analytics.product_analytics.product_analytics_product_id_fkey: CASCADE with the product (derived)');

SELECT * FROM finish();
ROLLBACK;
