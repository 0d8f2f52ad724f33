-- pgTAP: compliance/standards — structure, code format, RLS.
BEGIN;
SELECT plan(88);

-- the project's conventions (docs/conventions.md)
SELECT tests.table_conventions('compliance.standards');

-- structure (from the deployed catalog)
SELECT has_table('compliance', 'standards', 'compliance.standards: exists');
SELECT table_owner_is('compliance', 'standards', 'chain_owner', 'compliance.standards: owned by chain_owner');
SELECT ok(pg_catalog.obj_description('compliance.standards'::regclass, 'pg_class') IS NOT NULL, 'compliance.standards: has a comment');
SELECT columns_are('compliance', 'standards', ARRAY['id', 'standard_name', 'standard_code', 'description', 'category', 'is_active', 'created_at', 'updated_at'], 'compliance.standards: exactly these columns');
SELECT col_type_is('compliance', 'standards', c, ty, 'compliance.standards.' || c || ': ' || ty)
  FROM (VALUES ('id', 'bigint'), ('standard_name', 'text'), ('standard_code', 'text'), ('description', 'text'), ('category', 'compliance.standard_category'), ('is_active', 'boolean'), ('created_at', 'timestamp with time zone'), ('updated_at', 'timestamp with time zone')) AS v (c, ty);
SELECT col_not_null('compliance', 'standards', c, 'compliance.standards.' || c || ': not null') FROM pg_catalog.unnest(ARRAY['id', 'standard_name', 'standard_code', 'category', 'is_active', 'created_at', 'updated_at']::name[]) AS c;
SELECT col_is_null('compliance', 'standards', c, 'compliance.standards.' || c || ': nullable') FROM pg_catalog.unnest(ARRAY['description']::name[]) AS c;
SELECT ok(pg_catalog.col_description('compliance.standards'::regclass, a.attnum) IS NOT NULL, 'compliance.standards.' || a.attname || ': has a comment')
  FROM pg_catalog.pg_attribute AS a WHERE a.attrelid = 'compliance.standards'::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum;
SELECT set_eq($$SELECT conname::text FROM pg_catalog.pg_constraint WHERE conrelid = 'compliance.standards'::regclass$$,
              ARRAY['standards_description_check', 'standards_pkey', 'standards_standard_code_check', 'standards_standard_code_key', 'standards_standard_name_check'], 'compliance.standards: constraints ' || 'standards_description_check, standards_pkey, standards_standard_code_check, standards_standard_code_key, standards_standard_name_check');
SELECT indexes_are('compliance', 'standards', ARRAY['standards_active_category_idx', 'standards_category_idx', 'standards_pkey', 'standards_standard_code_key']::name[], 'compliance.standards: indexes ' || 'standards_active_category_idx, standards_category_idx, standards_pkey, standards_standard_code_key');
SELECT is(pg_catalog.pg_get_indexdef('compliance.standards_active_category_idx'::regclass), 'CREATE INDEX standards_active_category_idx ON compliance.standards USING btree (category) WHERE is_active', 'compliance.standards.standards_active_category_idx: definition');
SELECT is(pg_catalog.pg_get_indexdef('compliance.standards_category_idx'::regclass), 'CREATE INDEX standards_category_idx ON compliance.standards USING btree (category)', 'compliance.standards.standards_category_idx: definition');
SELECT is(pg_catalog.pg_get_indexdef('compliance.standards_pkey'::regclass), 'CREATE UNIQUE INDEX standards_pkey ON compliance.standards USING btree (id)', 'compliance.standards.standards_pkey: definition');
SELECT is(pg_catalog.pg_get_indexdef('compliance.standards_standard_code_key'::regclass), 'CREATE UNIQUE INDEX standards_standard_code_key ON compliance.standards USING btree (standard_code)', 'compliance.standards.standards_standard_code_key: definition');
SELECT triggers_are('compliance', 'standards', ARRAY['standards_set_updated_at']::name[], 'compliance.standards: triggers ' || 'standards_set_updated_at');
SELECT trigger_is('compliance', 'standards', 'standards_set_updated_at', 'core', 'set_updated_at', 'compliance.standards.standards_set_updated_at: calls core.set_updated_at()');
SELECT ok((SELECT relrowsecurity AND relforcerowsecurity FROM pg_catalog.pg_class WHERE oid = 'compliance.standards'::regclass), 'compliance.standards: RLS enabled and forced');
SELECT policies_are('compliance', 'standards', ARRAY['standards_delete_app', 'standards_insert_app', 'standards_select_all', 'standards_select_app', 'standards_select_owner', 'standards_select_readonly', 'standards_update_app']::name[], 'compliance.standards: policies');
SELECT policy_cmd_is('compliance', 'standards', 'standards_delete_app'::name, 'delete', 'compliance.standards.standards_delete_app: FOR delete');
SELECT policy_roles_are('compliance', 'standards', 'standards_delete_app', ARRAY['chain_app']::name[], 'compliance.standards.standards_delete_app: TO chain_app');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polrelid = 'compliance.standards'::regclass AND polname = 'standards_delete_app'), 'pg_policy') IS NOT NULL, 'compliance.standards.standards_delete_app: has a comment');
SELECT policy_cmd_is('compliance', 'standards', 'standards_insert_app'::name, 'insert', 'compliance.standards.standards_insert_app: FOR insert');
SELECT policy_roles_are('compliance', 'standards', 'standards_insert_app', ARRAY['chain_app']::name[], 'compliance.standards.standards_insert_app: TO chain_app');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polrelid = 'compliance.standards'::regclass AND polname = 'standards_insert_app'), 'pg_policy') IS NOT NULL, 'compliance.standards.standards_insert_app: has a comment');
SELECT policy_cmd_is('compliance', 'standards', 'standards_select_all'::name, 'select', 'compliance.standards.standards_select_all: FOR select');
SELECT policy_roles_are('compliance', 'standards', 'standards_select_all', ARRAY['chain_user']::name[], 'compliance.standards.standards_select_all: TO chain_user');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polrelid = 'compliance.standards'::regclass AND polname = 'standards_select_all'), 'pg_policy') IS NOT NULL, 'compliance.standards.standards_select_all: has a comment');
SELECT policy_cmd_is('compliance', 'standards', 'standards_select_app'::name, 'select', 'compliance.standards.standards_select_app: FOR select');
SELECT policy_roles_are('compliance', 'standards', 'standards_select_app', ARRAY['chain_app']::name[], 'compliance.standards.standards_select_app: TO chain_app');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polrelid = 'compliance.standards'::regclass AND polname = 'standards_select_app'), 'pg_policy') IS NOT NULL, 'compliance.standards.standards_select_app: has a comment');
SELECT policy_cmd_is('compliance', 'standards', 'standards_select_owner'::name, 'select', 'compliance.standards.standards_select_owner: FOR select');
SELECT policy_roles_are('compliance', 'standards', 'standards_select_owner', ARRAY['chain_owner']::name[], 'compliance.standards.standards_select_owner: TO chain_owner');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polrelid = 'compliance.standards'::regclass AND polname = 'standards_select_owner'), 'pg_policy') IS NOT NULL, 'compliance.standards.standards_select_owner: has a comment');
SELECT policy_cmd_is('compliance', 'standards', 'standards_select_readonly'::name, 'select', 'compliance.standards.standards_select_readonly: FOR select');
SELECT policy_roles_are('compliance', 'standards', 'standards_select_readonly', ARRAY['chain_readonly']::name[], 'compliance.standards.standards_select_readonly: TO chain_readonly');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polrelid = 'compliance.standards'::regclass AND polname = 'standards_select_readonly'), 'pg_policy') IS NOT NULL, 'compliance.standards.standards_select_readonly: has a comment');
SELECT policy_cmd_is('compliance', 'standards', 'standards_update_app'::name, 'update', 'compliance.standards.standards_update_app: FOR update');
SELECT policy_roles_are('compliance', 'standards', 'standards_update_app', ARRAY['chain_app']::name[], 'compliance.standards.standards_update_app: TO chain_app');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polrelid = 'compliance.standards'::regclass AND polname = 'standards_update_app'), 'pg_policy') IS NOT NULL, 'compliance.standards.standards_update_app: has a comment');
SELECT table_privs_are('compliance', 'standards', 'chain_app', ARRAY['DELETE', 'INSERT', 'SELECT', 'UPDATE'], 'compliance.standards: chain_app has DELETE, INSERT, SELECT, UPDATE');
SELECT table_privs_are('compliance', 'standards', 'chain_user', ARRAY['SELECT'], 'compliance.standards: chain_user has SELECT');
SELECT table_privs_are('compliance', 'standards', 'chain_readonly', ARRAY['SELECT'], 'compliance.standards: chain_readonly has SELECT');
SELECT table_privs_are('compliance', 'standards', 'chain_analytics', ARRAY[]::text[], 'compliance.standards: chain_analytics has nothing');
SELECT table_privs_are('compliance', 'standards', 'public', ARRAY[]::text[], 'compliance.standards: public has nothing');

INSERT INTO compliance.standards (standard_name, standard_code, category) VALUES ('ISO 9001', 'ISO9001', 'quality');

-- behaviour: constraints
SELECT throws_ok($$INSERT INTO compliance.standards (standard_name, standard_code, category) VALUES ('Again', 'ISO9001', 'quality')$$, '23505', NULL, 'compliance.standards.standards_standard_code_key: rejects a code twice');
SELECT throws_ok($$INSERT INTO compliance.standards (standard_name, standard_code, category) VALUES ('x', 'iso 9001', 'quality')$$, '23514', NULL, 'compliance.standards.standards_standard_code_check: rejects lower case and spaces');
SELECT throws_ok($$INSERT INTO compliance.standards (standard_name, standard_code, category) VALUES ('x', 'I', 'quality')$$, '23514', NULL, 'compliance.standards.standards_standard_code_check: rejects a one-character code');
SELECT lives_ok($$INSERT INTO compliance.standards (standard_name, standard_code, category) VALUES ('FDA', 'FDA21CFR11', 'regulatory'), ('GMP', 'EU_GMP-2', 'regulatory')$$, 'compliance.standards.standard_code: accepts digits, _ and -');
SELECT throws_ok($$INSERT INTO compliance.standards (standard_name, standard_code, category) VALUES ('', 'EMPTY', 'quality')$$, '23514', NULL, 'compliance.standards.standards_standard_name_check: rejects an empty name');
SELECT throws_ok($$INSERT INTO compliance.standards (standard_name, standard_code, category, description) VALUES ('x', 'LONG', 'quality', repeat('d', 2001))$$, '23514', NULL, 'compliance.standards.standards_description_check: rejects over 2000 characters');
UPDATE compliance.standards SET updated_at = '2000-01-01' WHERE standard_code = 'ISO9001';
SELECT is((SELECT updated_at FROM compliance.standards WHERE standard_code = 'ISO9001'), now(), 'compliance.standards.standards_set_updated_at: fires on update');

-- behaviour: RLS
SELECT tests.act_as(1);
SELECT is((SELECT pg_catalog.count(*)::int FROM compliance.standards), 3, 'compliance.standards.standards_select_all: an end user reads every standard');
SELECT throws_ok($$INSERT INTO compliance.standards (standard_name, standard_code, category) VALUES ('Mine', 'MINE', 'quality')$$, '42501', NULL, 'compliance.standards: an end user cannot add standards');
SELECT tests.act_as_role('chain_readonly');
SELECT is((SELECT pg_catalog.count(*)::int FROM compliance.standards), 3, 'compliance.standards.standards_select_readonly: reporting reads every standard');
SELECT tests.act_as_role('chain_app');
SELECT lives_ok($$INSERT INTO compliance.standards (standard_name, standard_code, category) VALUES ('Tmp', 'TMP', 'safety')$$, 'compliance.standards.standards_insert_app: the backend adds standards');
SELECT lives_ok($$UPDATE compliance.standards SET is_active = false WHERE standard_code = 'TMP'$$, 'compliance.standards.standards_update_app: the backend retires standards');
SELECT lives_ok($$DELETE FROM compliance.standards WHERE standard_code = 'TMP'$$, 'compliance.standards.standards_delete_app: the backend deletes standards');
SELECT is((SELECT pg_catalog.count(*)::int FROM compliance.standards), 3, 'compliance.standards.standards_select_app: the backend reads every standard');
SELECT tests.reset_role();
SET LOCAL ROLE chain_owner;
SELECT is((SELECT pg_catalog.count(*)::int FROM compliance.standards), 3, 'compliance.standards.standards_select_owner: chain_owner reads every standard');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
