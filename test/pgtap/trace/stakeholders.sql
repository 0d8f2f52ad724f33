-- pgTAP: trace/stakeholders — per-product stakeholders, the manufacturer trigger, RLS.
BEGIN;
SELECT plan(123);

-- the project's conventions (docs/conventions.md)
SELECT tests.table_conventions('trace.stakeholders');
SELECT tests.function_conventions('trace.add_manufacturer_stakeholder()');

-- structure (from the deployed catalog)
SELECT has_table('trace', 'stakeholders', 'trace.stakeholders: exists');
SELECT table_owner_is('trace', 'stakeholders', 'chain_owner', 'trace.stakeholders: owned by chain_owner');
SELECT ok(pg_catalog.obj_description('trace.stakeholders'::regclass, 'pg_class') IS NOT NULL, 'trace.stakeholders: has a comment');
SELECT columns_are('trace', 'stakeholders', ARRAY['id', 'product_id', 'user_id', 'role', 'added_by', 'added_at', 'is_active'], 'trace.stakeholders: exactly these columns');
SELECT col_type_is('trace', 'stakeholders', c, ty, 'trace.stakeholders.' || c || ': ' || ty)
  FROM (VALUES ('id', 'bigint'), ('product_id', 'bigint'), ('user_id', 'bigint'), ('role', 'trace.stakeholder_role'), ('added_by', 'bigint'), ('added_at', 'timestamp with time zone'), ('is_active', 'boolean')) AS v (c, ty);
SELECT col_not_null('trace', 'stakeholders', c, 'trace.stakeholders.' || c || ': not null') FROM pg_catalog.unnest(ARRAY['id', 'product_id', 'user_id', 'role', 'added_by', 'added_at', 'is_active']::name[]) AS c;
SELECT ok(pg_catalog.col_description('trace.stakeholders'::regclass, a.attnum) IS NOT NULL, 'trace.stakeholders.' || a.attname || ': has a comment')
  FROM pg_catalog.pg_attribute AS a WHERE a.attrelid = 'trace.stakeholders'::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum;
SELECT set_eq($$SELECT conname::text FROM pg_catalog.pg_constraint WHERE conrelid = 'trace.stakeholders'::regclass$$,
              ARRAY['stakeholders_added_by_fkey', 'stakeholders_pkey', 'stakeholders_product_id_fkey', 'stakeholders_product_id_id_key', 'stakeholders_product_user_role_key', 'stakeholders_user_id_fkey'], 'trace.stakeholders: constraints ' || 'stakeholders_added_by_fkey, stakeholders_pkey, stakeholders_product_id_fkey, stakeholders_product_id_id_key, stakeholders_product_user_role_key, stakeholders_user_id_fkey');
SELECT indexes_are('trace', 'stakeholders', ARRAY['stakeholders_added_by_idx', 'stakeholders_pkey', 'stakeholders_product_id_id_key', 'stakeholders_product_user_role_key', 'stakeholders_user_id_idx']::name[], 'trace.stakeholders: indexes ' || 'stakeholders_added_by_idx, stakeholders_pkey, stakeholders_product_id_id_key, stakeholders_product_user_role_key, stakeholders_user_id_idx');
SELECT is(pg_catalog.pg_get_indexdef('trace.stakeholders_added_by_idx'::regclass), 'CREATE INDEX stakeholders_added_by_idx ON trace.stakeholders USING btree (added_by)', 'trace.stakeholders.stakeholders_added_by_idx: definition');
SELECT is(pg_catalog.pg_get_indexdef('trace.stakeholders_pkey'::regclass), 'CREATE UNIQUE INDEX stakeholders_pkey ON trace.stakeholders USING btree (id)', 'trace.stakeholders.stakeholders_pkey: definition');
SELECT is(pg_catalog.pg_get_indexdef('trace.stakeholders_product_id_id_key'::regclass), 'CREATE UNIQUE INDEX stakeholders_product_id_id_key ON trace.stakeholders USING btree (product_id, id)', 'trace.stakeholders.stakeholders_product_id_id_key: definition');
SELECT is(pg_catalog.pg_get_indexdef('trace.stakeholders_product_user_role_key'::regclass), 'CREATE UNIQUE INDEX stakeholders_product_user_role_key ON trace.stakeholders USING btree (product_id, user_id, role)', 'trace.stakeholders.stakeholders_product_user_role_key: definition');
SELECT is(pg_catalog.pg_get_indexdef('trace.stakeholders_user_id_idx'::regclass), 'CREATE INDEX stakeholders_user_id_idx ON trace.stakeholders USING btree (user_id)', 'trace.stakeholders.stakeholders_user_id_idx: definition');
SELECT triggers_are('trace', 'stakeholders', ARRAY[]::name[], 'trace.stakeholders: triggers ' || '');
SELECT ok((SELECT relrowsecurity AND relforcerowsecurity FROM pg_catalog.pg_class WHERE oid = 'trace.stakeholders'::regclass), 'trace.stakeholders: RLS enabled and forced');
SELECT policies_are('trace', 'stakeholders', ARRAY['stakeholders_delete_app', 'stakeholders_insert_app', 'stakeholders_insert_manufacturer', 'stakeholders_insert_owner', 'stakeholders_select_all', 'stakeholders_select_app', 'stakeholders_select_owner', 'stakeholders_select_readonly', 'stakeholders_update_app', 'stakeholders_update_manufacturer']::name[], 'trace.stakeholders: policies');
SELECT policy_cmd_is('trace', 'stakeholders', 'stakeholders_delete_app'::name, 'delete', 'trace.stakeholders.stakeholders_delete_app: FOR delete');
SELECT policy_roles_are('trace', 'stakeholders', 'stakeholders_delete_app', ARRAY['chain_app']::name[], 'trace.stakeholders.stakeholders_delete_app: TO chain_app');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polrelid = 'trace.stakeholders'::regclass AND polname = 'stakeholders_delete_app'), 'pg_policy') IS NOT NULL, 'trace.stakeholders.stakeholders_delete_app: has a comment');
SELECT policy_cmd_is('trace', 'stakeholders', 'stakeholders_insert_app'::name, 'insert', 'trace.stakeholders.stakeholders_insert_app: FOR insert');
SELECT policy_roles_are('trace', 'stakeholders', 'stakeholders_insert_app', ARRAY['chain_app']::name[], 'trace.stakeholders.stakeholders_insert_app: TO chain_app');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polrelid = 'trace.stakeholders'::regclass AND polname = 'stakeholders_insert_app'), 'pg_policy') IS NOT NULL, 'trace.stakeholders.stakeholders_insert_app: has a comment');
SELECT policy_cmd_is('trace', 'stakeholders', 'stakeholders_insert_manufacturer'::name, 'insert', 'trace.stakeholders.stakeholders_insert_manufacturer: FOR insert');
SELECT policy_roles_are('trace', 'stakeholders', 'stakeholders_insert_manufacturer', ARRAY['chain_user']::name[], 'trace.stakeholders.stakeholders_insert_manufacturer: TO chain_user');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polrelid = 'trace.stakeholders'::regclass AND polname = 'stakeholders_insert_manufacturer'), 'pg_policy') IS NOT NULL, 'trace.stakeholders.stakeholders_insert_manufacturer: has a comment');
SELECT policy_cmd_is('trace', 'stakeholders', 'stakeholders_insert_owner'::name, 'insert', 'trace.stakeholders.stakeholders_insert_owner: FOR insert');
SELECT policy_roles_are('trace', 'stakeholders', 'stakeholders_insert_owner', ARRAY['chain_owner']::name[], 'trace.stakeholders.stakeholders_insert_owner: TO chain_owner');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polrelid = 'trace.stakeholders'::regclass AND polname = 'stakeholders_insert_owner'), 'pg_policy') IS NOT NULL, 'trace.stakeholders.stakeholders_insert_owner: has a comment');
SELECT policy_cmd_is('trace', 'stakeholders', 'stakeholders_select_all'::name, 'select', 'trace.stakeholders.stakeholders_select_all: FOR select');
SELECT policy_roles_are('trace', 'stakeholders', 'stakeholders_select_all', ARRAY['chain_user']::name[], 'trace.stakeholders.stakeholders_select_all: TO chain_user');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polrelid = 'trace.stakeholders'::regclass AND polname = 'stakeholders_select_all'), 'pg_policy') IS NOT NULL, 'trace.stakeholders.stakeholders_select_all: has a comment');
SELECT policy_cmd_is('trace', 'stakeholders', 'stakeholders_select_app'::name, 'select', 'trace.stakeholders.stakeholders_select_app: FOR select');
SELECT policy_roles_are('trace', 'stakeholders', 'stakeholders_select_app', ARRAY['chain_app']::name[], 'trace.stakeholders.stakeholders_select_app: TO chain_app');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polrelid = 'trace.stakeholders'::regclass AND polname = 'stakeholders_select_app'), 'pg_policy') IS NOT NULL, 'trace.stakeholders.stakeholders_select_app: has a comment');
SELECT policy_cmd_is('trace', 'stakeholders', 'stakeholders_select_owner'::name, 'select', 'trace.stakeholders.stakeholders_select_owner: FOR select');
SELECT policy_roles_are('trace', 'stakeholders', 'stakeholders_select_owner', ARRAY['chain_owner']::name[], 'trace.stakeholders.stakeholders_select_owner: TO chain_owner');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polrelid = 'trace.stakeholders'::regclass AND polname = 'stakeholders_select_owner'), 'pg_policy') IS NOT NULL, 'trace.stakeholders.stakeholders_select_owner: has a comment');
SELECT policy_cmd_is('trace', 'stakeholders', 'stakeholders_select_readonly'::name, 'select', 'trace.stakeholders.stakeholders_select_readonly: FOR select');
SELECT policy_roles_are('trace', 'stakeholders', 'stakeholders_select_readonly', ARRAY['chain_readonly']::name[], 'trace.stakeholders.stakeholders_select_readonly: TO chain_readonly');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polrelid = 'trace.stakeholders'::regclass AND polname = 'stakeholders_select_readonly'), 'pg_policy') IS NOT NULL, 'trace.stakeholders.stakeholders_select_readonly: has a comment');
SELECT policy_cmd_is('trace', 'stakeholders', 'stakeholders_update_app'::name, 'update', 'trace.stakeholders.stakeholders_update_app: FOR update');
SELECT policy_roles_are('trace', 'stakeholders', 'stakeholders_update_app', ARRAY['chain_app']::name[], 'trace.stakeholders.stakeholders_update_app: TO chain_app');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polrelid = 'trace.stakeholders'::regclass AND polname = 'stakeholders_update_app'), 'pg_policy') IS NOT NULL, 'trace.stakeholders.stakeholders_update_app: has a comment');
SELECT policy_cmd_is('trace', 'stakeholders', 'stakeholders_update_manufacturer'::name, 'update', 'trace.stakeholders.stakeholders_update_manufacturer: FOR update');
SELECT policy_roles_are('trace', 'stakeholders', 'stakeholders_update_manufacturer', ARRAY['chain_user']::name[], 'trace.stakeholders.stakeholders_update_manufacturer: TO chain_user');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polrelid = 'trace.stakeholders'::regclass AND polname = 'stakeholders_update_manufacturer'), 'pg_policy') IS NOT NULL, 'trace.stakeholders.stakeholders_update_manufacturer: has a comment');
SELECT table_privs_are('trace', 'stakeholders', 'chain_app', ARRAY['DELETE', 'INSERT', 'SELECT', 'UPDATE'], 'trace.stakeholders: chain_app has DELETE, INSERT, SELECT, UPDATE');
SELECT table_privs_are('trace', 'stakeholders', 'chain_user', ARRAY['SELECT'], 'trace.stakeholders: chain_user has SELECT');
SELECT table_privs_are('trace', 'stakeholders', 'chain_readonly', ARRAY['SELECT'], 'trace.stakeholders: chain_readonly has SELECT');
SELECT table_privs_are('trace', 'stakeholders', 'chain_analytics', ARRAY[]::text[], 'trace.stakeholders: chain_analytics has nothing');
SELECT table_privs_are('trace', 'stakeholders', 'public', ARRAY[]::text[], 'trace.stakeholders: public has nothing');
SELECT set_eq($$SELECT a.attname || ': ' || string_agg(x.privilege_type || ' to ' || x.grantee::regrole::text, ', ' ORDER BY x.grantee::regrole::text, x.privilege_type) FROM pg_catalog.pg_attribute AS a, pg_catalog.aclexplode(a.attacl) AS x WHERE a.attrelid = 'trace.stakeholders'::regclass AND a.attacl IS NOT NULL GROUP BY a.attname$$,
              ARRAY['product_id: INSERT to chain_user', 'user_id: INSERT to chain_user', 'role: INSERT to chain_user', 'added_by: INSERT to chain_user', 'is_active: UPDATE to chain_user'], 'trace.stakeholders: column privileges');
SELECT has_function('trace', 'add_manufacturer_stakeholder', ARRAY[]::name[], 'trace.add_manufacturer_stakeholder(): exists');
SELECT function_owner_is('trace', 'add_manufacturer_stakeholder', ARRAY[]::name[], 'chain_owner', 'trace.add_manufacturer_stakeholder(): owned by chain_owner');
SELECT is_definer('trace', 'add_manufacturer_stakeholder', ARRAY[]::name[], 'trace.add_manufacturer_stakeholder(): SECURITY DEFINER');
SELECT volatility_is('trace', 'add_manufacturer_stakeholder', ARRAY[]::name[], 'volatile', 'trace.add_manufacturer_stakeholder(): volatile');
SELECT function_returns('trace', 'add_manufacturer_stakeholder', ARRAY[]::name[], 'trigger', 'trace.add_manufacturer_stakeholder(): returns trigger');
SELECT ok(pg_catalog.obj_description('trace.add_manufacturer_stakeholder()'::regprocedure, 'pg_proc') IS NOT NULL, 'trace.add_manufacturer_stakeholder(): has a comment');
SELECT ok((SELECT 'search_path=pg_catalog, pg_temp' = ANY (proconfig) FROM pg_catalog.pg_proc WHERE oid = 'trace.add_manufacturer_stakeholder()'::regprocedure), 'trace.add_manufacturer_stakeholder(): search_path pinned');
SELECT function_privs_are('trace', 'add_manufacturer_stakeholder', ARRAY[]::name[], 'public', ARRAY[]::text[], 'trace.add_manufacturer_stakeholder(): public cannot execute');
SELECT function_privs_are('trace', 'add_manufacturer_stakeholder', ARRAY[]::name[], 'chain_app', ARRAY[]::text[], 'trace.add_manufacturer_stakeholder(): chain_app cannot execute');
SELECT function_privs_are('trace', 'add_manufacturer_stakeholder', ARRAY[]::name[], 'chain_user', ARRAY[]::text[], 'trace.add_manufacturer_stakeholder(): chain_user cannot execute');
SELECT function_privs_are('trace', 'add_manufacturer_stakeholder', ARRAY[]::name[], 'chain_readonly', ARRAY[]::text[], 'trace.add_manufacturer_stakeholder(): chain_readonly cannot execute');
SELECT function_privs_are('trace', 'add_manufacturer_stakeholder', ARRAY[]::name[], 'chain_analytics', ARRAY[]::text[], 'trace.add_manufacturer_stakeholder(): chain_analytics cannot execute');

SELECT trigger_is('trace', 'products', 'products_add_manufacturer', 'trace', 'add_manufacturer_stakeholder', 'trace.products.products_add_manufacturer: calls trace.add_manufacturer_stakeholder()');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_trigger WHERE tgname = 'products_add_manufacturer'), 'pg_trigger') IS NOT NULL, 'trace.products.products_add_manufacturer: has a comment');

-- fixture, inserted as the test's owner: three users, a product of user 1 (who becomes its manufacturer stakeholder)
INSERT INTO core.users (id, wallet_address) OVERRIDING SYSTEM VALUE VALUES
    (1, '0x1111111111111111111111111111111111111111'),
    (2, '0x2222222222222222222222222222222222222222'),
    (3, '0x3333333333333333333333333333333333333333');
INSERT INTO trace.products (product_id, product_name, product_type, manufacturer_id, batch_number, manufacture_date)
VALUES (100, 'Aspirin', 'pharmaceutical', 1, 'B-1', '2026-01-01'), (101, 'Coffee', 'food', 2, 'C-1', '2026-01-01');

-- behaviour
SELECT results_eq($$SELECT user_id, role::text, added_by, is_active FROM trace.stakeholders WHERE product_id = 100$$,
                  $$VALUES (1::bigint, 'manufacturer', 1::bigint, true)$$,
                  'trace.add_manufacturer_stakeholder(): a new product''s manufacturer is its manufacturer stakeholder');
SELECT lives_ok($$INSERT INTO trace.stakeholders (product_id, user_id, role, added_by) VALUES (100, 2, 'distributor', 1)$$,
                'trace.stakeholders: accepts a distributor');
SELECT lives_ok($$INSERT INTO trace.stakeholders (product_id, user_id, role, added_by) VALUES (100, 2, 'logistics', 1)$$,
                'trace.stakeholders: one user may hold several roles');
SELECT throws_ok($$INSERT INTO trace.stakeholders (product_id, user_id, role, added_by) VALUES (100, 2, 'distributor', 1)$$,
                 '23505', NULL, 'trace.stakeholders.stakeholders_product_user_role_key: rejects a role twice');
SELECT throws_ok($$INSERT INTO trace.stakeholders (product_id, user_id, role, added_by) VALUES (999, 2, 'retailer', 1)$$,
                 '23503', NULL, 'trace.stakeholders.stakeholders_product_id_fkey: rejects an unknown product');
SELECT throws_ok($$INSERT INTO trace.stakeholders (product_id, user_id, role, added_by) VALUES (100, 99, 'retailer', 1)$$,
                 '23503', NULL, 'trace.stakeholders.stakeholders_user_id_fkey: rejects an unknown user');
SELECT throws_ok($$INSERT INTO trace.stakeholders (product_id, user_id, role, added_by) VALUES (100, 3, 'retailer', 99)$$,
                 '23503', NULL, 'trace.stakeholders.stakeholders_added_by_fkey: rejects an unknown adder');
SELECT throws_ok($$INSERT INTO trace.stakeholders (product_id, user_id, role, added_by) VALUES (100, 3, 'king', 1)$$,
                 '22P02', NULL, 'trace.stakeholders.role: rejects an unknown role');
SELECT is((SELECT pg_catalog.count(*)::int FROM trace.stakeholders WHERE product_id = 100 AND id IN (SELECT id FROM trace.stakeholders)), 3,
          'trace.stakeholders.stakeholders_product_id_id_key: (product_id, id) is the composite FK target');

-- RLS
SELECT tests.act_as(3);
SELECT is((SELECT pg_catalog.count(*)::int FROM trace.stakeholders), 4, 'trace.stakeholders.stakeholders_select_all: an end user reads every stakeholder');
SELECT throws_ok($$INSERT INTO trace.stakeholders (product_id, user_id, role, added_by) VALUES (100, 3, 'consumer', 3)$$,
                 '42501', NULL, 'trace.stakeholders.stakeholders_insert_manufacturer: rejects a non-manufacturer adding itself');
SELECT results_eq($$WITH u AS (UPDATE trace.stakeholders SET is_active = false WHERE product_id = 100 RETURNING 1) SELECT pg_catalog.count(*)::int FROM u$$,
                  ARRAY[0], 'trace.stakeholders.stakeholders_update_manufacturer: a non-manufacturer updates nothing');
SELECT tests.act_as(1);
SELECT lives_ok($$INSERT INTO trace.stakeholders (product_id, user_id, role, added_by) VALUES (100, 3, 'retailer', 1)$$,
                'trace.stakeholders.stakeholders_insert_manufacturer: the manufacturer adds a stakeholder');
SELECT throws_ok($$INSERT INTO trace.stakeholders (product_id, user_id, role, added_by) VALUES (100, 3, 'consumer', 2)$$,
                 '42501', NULL, 'trace.stakeholders.stakeholders_insert_manufacturer: only in its own name');
SELECT throws_ok($$INSERT INTO trace.stakeholders (product_id, user_id, role, added_by) VALUES (101, 1, 'retailer', 1)$$,
                 '42501', NULL, 'trace.stakeholders.stakeholders_insert_manufacturer: not on another manufacturer''s product');
SELECT results_eq($$WITH u AS (UPDATE trace.stakeholders SET is_active = false WHERE product_id = 100 AND role = 'retailer' RETURNING 1) SELECT pg_catalog.count(*)::int FROM u$$,
                  ARRAY[1], 'trace.stakeholders.stakeholders_update_manufacturer: the manufacturer deactivates a stakeholder');
SELECT throws_ok($$DELETE FROM trace.stakeholders WHERE product_id = 100$$, '42501', NULL, 'trace.stakeholders: an end user cannot delete');
SELECT tests.act_as_role('chain_readonly');
SELECT is((SELECT pg_catalog.count(*)::int FROM trace.stakeholders), 5, 'trace.stakeholders.stakeholders_select_readonly: reporting reads every stakeholder');
SELECT tests.act_as_role('chain_app');
SELECT is((SELECT pg_catalog.count(*)::int FROM trace.stakeholders), 5, 'trace.stakeholders.stakeholders_select_app: the backend reads every stakeholder');
SELECT lives_ok($$INSERT INTO trace.stakeholders (product_id, user_id, role, added_by) VALUES (101, 3, 'auditor', 2)$$, 'trace.stakeholders.stakeholders_insert_app: the backend adds stakeholders');
SELECT lives_ok($$UPDATE trace.stakeholders SET is_active = false WHERE product_id = 101 AND role = 'auditor'$$, 'trace.stakeholders.stakeholders_update_app: the backend updates stakeholders');
SELECT lives_ok($$DELETE FROM trace.stakeholders WHERE product_id = 101 AND role = 'auditor'$$, 'trace.stakeholders.stakeholders_delete_app: the backend removes a stakeholder without checkpoints');
SELECT tests.reset_role();
SET LOCAL ROLE chain_owner;
SELECT is((SELECT pg_catalog.count(*)::int FROM trace.stakeholders), 5, 'trace.stakeholders.stakeholders_select_owner: chain_owner reads every stakeholder');
SELECT lives_ok($$INSERT INTO trace.stakeholders (product_id, user_id, role, added_by) VALUES (101, 3, 'consumer', 2)$$, 'trace.stakeholders.stakeholders_insert_owner: chain_owner (the manufacturer trigger) inserts');
RESET ROLE;
DELETE FROM trace.products WHERE product_id = 101;
SELECT is((SELECT pg_catalog.count(*)::int FROM trace.stakeholders WHERE product_id = 101), 0, 'trace.stakeholders.stakeholders_product_id_fkey: CASCADE with the product (pure child)');

SELECT * FROM finish();
ROLLBACK;
