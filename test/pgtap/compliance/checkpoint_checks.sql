-- pgTAP: compliance/checkpoint_checks — one verdict per checkpoint and standard, product pinned to the checkpoint, RLS.
BEGIN;
SELECT plan(98);

-- the project's conventions (docs/conventions.md)
SELECT tests.table_conventions('compliance.checkpoint_checks');

-- structure (from the deployed catalog)
SELECT has_table('compliance', 'checkpoint_checks', 'compliance.checkpoint_checks: exists');
SELECT table_owner_is('compliance', 'checkpoint_checks', 'chain_owner', 'compliance.checkpoint_checks: owned by chain_owner');
SELECT ok(pg_catalog.obj_description('compliance.checkpoint_checks'::regclass, 'pg_class') IS NOT NULL, 'compliance.checkpoint_checks: has a comment');
SELECT columns_are('compliance', 'checkpoint_checks', ARRAY['id', 'product_id', 'checkpoint_id', 'standard_id', 'compliance_status', 'check_details', 'checked_by', 'checked_at', 'evidence_uri', 'metadata'], 'compliance.checkpoint_checks: exactly these columns');
SELECT col_type_is('compliance', 'checkpoint_checks', c, ty, 'compliance.checkpoint_checks.' || c || ': ' || ty)
  FROM (VALUES ('id', 'bigint'), ('product_id', 'bigint'), ('checkpoint_id', 'bigint'), ('standard_id', 'bigint'), ('compliance_status', 'compliance.compliance_status'), ('check_details', 'text'), ('checked_by', 'bigint'), ('checked_at', 'timestamp with time zone'), ('evidence_uri', 'text'), ('metadata', 'jsonb')) AS v (c, ty);
SELECT col_not_null('compliance', 'checkpoint_checks', c, 'compliance.checkpoint_checks.' || c || ': not null') FROM pg_catalog.unnest(ARRAY['id', 'product_id', 'checkpoint_id', 'standard_id', 'compliance_status', 'checked_by', 'checked_at', 'metadata']::name[]) AS c;
SELECT col_is_null('compliance', 'checkpoint_checks', c, 'compliance.checkpoint_checks.' || c || ': nullable') FROM pg_catalog.unnest(ARRAY['check_details', 'evidence_uri']::name[]) AS c;
SELECT ok(pg_catalog.col_description('compliance.checkpoint_checks'::regclass, a.attnum) IS NOT NULL, 'compliance.checkpoint_checks.' || a.attname || ': has a comment')
  FROM pg_catalog.pg_attribute AS a WHERE a.attrelid = 'compliance.checkpoint_checks'::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum;
SELECT set_eq($$SELECT conname::text FROM pg_catalog.pg_constraint WHERE conrelid = 'compliance.checkpoint_checks'::regclass$$,
              ARRAY['checkpoint_checks_check_details_check', 'checkpoint_checks_checked_by_fkey', 'checkpoint_checks_checkpoint_fkey', 'checkpoint_checks_checkpoint_standard_key', 'checkpoint_checks_evidence_uri_check', 'checkpoint_checks_metadata_check', 'checkpoint_checks_pkey', 'checkpoint_checks_standard_id_fkey'], 'compliance.checkpoint_checks: constraints ' || 'checkpoint_checks_check_details_check, checkpoint_checks_checked_by_fkey, checkpoint_checks_checkpoint_fkey, checkpoint_checks_checkpoint_standard_key, checkpoint_checks_evidence_uri_check, checkpoint_checks_metadata_check, checkpoint_checks_pkey, checkpoint_checks_standard_id_fkey');
SELECT indexes_are('compliance', 'checkpoint_checks', ARRAY['checkpoint_checks_checked_by_idx', 'checkpoint_checks_checkpoint_standard_key', 'checkpoint_checks_compliance_status_idx', 'checkpoint_checks_pkey', 'checkpoint_checks_product_standard_checked_idx', 'checkpoint_checks_standard_id_idx']::name[], 'compliance.checkpoint_checks: indexes ' || 'checkpoint_checks_checked_by_idx, checkpoint_checks_checkpoint_standard_key, checkpoint_checks_compliance_status_idx, checkpoint_checks_pkey, checkpoint_checks_product_standard_checked_idx, checkpoint_checks_standard_id_idx');
SELECT is(pg_catalog.pg_get_indexdef('compliance.checkpoint_checks_checked_by_idx'::regclass), 'CREATE INDEX checkpoint_checks_checked_by_idx ON compliance.checkpoint_checks USING btree (checked_by)', 'compliance.checkpoint_checks.checkpoint_checks_checked_by_idx: definition');
SELECT is(pg_catalog.pg_get_indexdef('compliance.checkpoint_checks_checkpoint_standard_key'::regclass), 'CREATE UNIQUE INDEX checkpoint_checks_checkpoint_standard_key ON compliance.checkpoint_checks USING btree (checkpoint_id, product_id, standard_id)', 'compliance.checkpoint_checks.checkpoint_checks_checkpoint_standard_key: definition');
SELECT is(pg_catalog.pg_get_indexdef('compliance.checkpoint_checks_compliance_status_idx'::regclass), 'CREATE INDEX checkpoint_checks_compliance_status_idx ON compliance.checkpoint_checks USING btree (compliance_status)', 'compliance.checkpoint_checks.checkpoint_checks_compliance_status_idx: definition');
SELECT is(pg_catalog.pg_get_indexdef('compliance.checkpoint_checks_pkey'::regclass), 'CREATE UNIQUE INDEX checkpoint_checks_pkey ON compliance.checkpoint_checks USING btree (id)', 'compliance.checkpoint_checks.checkpoint_checks_pkey: definition');
SELECT is(pg_catalog.pg_get_indexdef('compliance.checkpoint_checks_product_standard_checked_idx'::regclass), 'CREATE INDEX checkpoint_checks_product_standard_checked_idx ON compliance.checkpoint_checks USING btree (product_id, standard_id, checked_at DESC)', 'compliance.checkpoint_checks.checkpoint_checks_product_standard_checked_idx: definition');
SELECT is(pg_catalog.pg_get_indexdef('compliance.checkpoint_checks_standard_id_idx'::regclass), 'CREATE INDEX checkpoint_checks_standard_id_idx ON compliance.checkpoint_checks USING btree (standard_id)', 'compliance.checkpoint_checks.checkpoint_checks_standard_id_idx: definition');
SELECT triggers_are('compliance', 'checkpoint_checks', ARRAY[]::name[], 'compliance.checkpoint_checks: triggers ' || '');
SELECT ok((SELECT relrowsecurity AND relforcerowsecurity FROM pg_catalog.pg_class WHERE oid = 'compliance.checkpoint_checks'::regclass), 'compliance.checkpoint_checks: RLS enabled and forced');
SELECT policies_are('compliance', 'checkpoint_checks', ARRAY['checkpoint_checks_delete_app', 'checkpoint_checks_insert_app', 'checkpoint_checks_select_all', 'checkpoint_checks_select_app', 'checkpoint_checks_select_owner', 'checkpoint_checks_select_readonly', 'checkpoint_checks_update_app']::name[], 'compliance.checkpoint_checks: policies');
SELECT policy_cmd_is('compliance', 'checkpoint_checks', 'checkpoint_checks_delete_app'::name, 'delete', 'compliance.checkpoint_checks.checkpoint_checks_delete_app: FOR delete');
SELECT policy_roles_are('compliance', 'checkpoint_checks', 'checkpoint_checks_delete_app', ARRAY['chain_app']::name[], 'compliance.checkpoint_checks.checkpoint_checks_delete_app: TO chain_app');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polrelid = 'compliance.checkpoint_checks'::regclass AND polname = 'checkpoint_checks_delete_app'), 'pg_policy') IS NOT NULL, 'compliance.checkpoint_checks.checkpoint_checks_delete_app: has a comment');
SELECT policy_cmd_is('compliance', 'checkpoint_checks', 'checkpoint_checks_insert_app'::name, 'insert', 'compliance.checkpoint_checks.checkpoint_checks_insert_app: FOR insert');
SELECT policy_roles_are('compliance', 'checkpoint_checks', 'checkpoint_checks_insert_app', ARRAY['chain_app']::name[], 'compliance.checkpoint_checks.checkpoint_checks_insert_app: TO chain_app');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polrelid = 'compliance.checkpoint_checks'::regclass AND polname = 'checkpoint_checks_insert_app'), 'pg_policy') IS NOT NULL, 'compliance.checkpoint_checks.checkpoint_checks_insert_app: has a comment');
SELECT policy_cmd_is('compliance', 'checkpoint_checks', 'checkpoint_checks_select_all'::name, 'select', 'compliance.checkpoint_checks.checkpoint_checks_select_all: FOR select');
SELECT policy_roles_are('compliance', 'checkpoint_checks', 'checkpoint_checks_select_all', ARRAY['chain_user']::name[], 'compliance.checkpoint_checks.checkpoint_checks_select_all: TO chain_user');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polrelid = 'compliance.checkpoint_checks'::regclass AND polname = 'checkpoint_checks_select_all'), 'pg_policy') IS NOT NULL, 'compliance.checkpoint_checks.checkpoint_checks_select_all: has a comment');
SELECT policy_cmd_is('compliance', 'checkpoint_checks', 'checkpoint_checks_select_app'::name, 'select', 'compliance.checkpoint_checks.checkpoint_checks_select_app: FOR select');
SELECT policy_roles_are('compliance', 'checkpoint_checks', 'checkpoint_checks_select_app', ARRAY['chain_app']::name[], 'compliance.checkpoint_checks.checkpoint_checks_select_app: TO chain_app');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polrelid = 'compliance.checkpoint_checks'::regclass AND polname = 'checkpoint_checks_select_app'), 'pg_policy') IS NOT NULL, 'compliance.checkpoint_checks.checkpoint_checks_select_app: has a comment');
SELECT policy_cmd_is('compliance', 'checkpoint_checks', 'checkpoint_checks_select_owner'::name, 'select', 'compliance.checkpoint_checks.checkpoint_checks_select_owner: FOR select');
SELECT policy_roles_are('compliance', 'checkpoint_checks', 'checkpoint_checks_select_owner', ARRAY['chain_owner']::name[], 'compliance.checkpoint_checks.checkpoint_checks_select_owner: TO chain_owner');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polrelid = 'compliance.checkpoint_checks'::regclass AND polname = 'checkpoint_checks_select_owner'), 'pg_policy') IS NOT NULL, 'compliance.checkpoint_checks.checkpoint_checks_select_owner: has a comment');
SELECT policy_cmd_is('compliance', 'checkpoint_checks', 'checkpoint_checks_select_readonly'::name, 'select', 'compliance.checkpoint_checks.checkpoint_checks_select_readonly: FOR select');
SELECT policy_roles_are('compliance', 'checkpoint_checks', 'checkpoint_checks_select_readonly', ARRAY['chain_readonly']::name[], 'compliance.checkpoint_checks.checkpoint_checks_select_readonly: TO chain_readonly');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polrelid = 'compliance.checkpoint_checks'::regclass AND polname = 'checkpoint_checks_select_readonly'), 'pg_policy') IS NOT NULL, 'compliance.checkpoint_checks.checkpoint_checks_select_readonly: has a comment');
SELECT policy_cmd_is('compliance', 'checkpoint_checks', 'checkpoint_checks_update_app'::name, 'update', 'compliance.checkpoint_checks.checkpoint_checks_update_app: FOR update');
SELECT policy_roles_are('compliance', 'checkpoint_checks', 'checkpoint_checks_update_app', ARRAY['chain_app']::name[], 'compliance.checkpoint_checks.checkpoint_checks_update_app: TO chain_app');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polrelid = 'compliance.checkpoint_checks'::regclass AND polname = 'checkpoint_checks_update_app'), 'pg_policy') IS NOT NULL, 'compliance.checkpoint_checks.checkpoint_checks_update_app: has a comment');
SELECT table_privs_are('compliance', 'checkpoint_checks', 'chain_app', ARRAY['DELETE', 'INSERT', 'SELECT', 'UPDATE'], 'compliance.checkpoint_checks: chain_app has DELETE, INSERT, SELECT, UPDATE');
SELECT table_privs_are('compliance', 'checkpoint_checks', 'chain_user', ARRAY['SELECT'], 'compliance.checkpoint_checks: chain_user has SELECT');
SELECT table_privs_are('compliance', 'checkpoint_checks', 'chain_readonly', ARRAY['SELECT'], 'compliance.checkpoint_checks: chain_readonly has SELECT');
SELECT table_privs_are('compliance', 'checkpoint_checks', 'chain_analytics', ARRAY[]::text[], 'compliance.checkpoint_checks: chain_analytics has nothing');
SELECT table_privs_are('compliance', 'checkpoint_checks', 'public', ARRAY[]::text[], 'compliance.checkpoint_checks: public has nothing');

-- fixture, inserted as the test's owner: two products with a checkpoint each, a standard
INSERT INTO core.users (id, wallet_address) OVERRIDING SYSTEM VALUE VALUES (1, '0x1111111111111111111111111111111111111111');
INSERT INTO trace.products (product_id, product_name, product_type, manufacturer_id, batch_number, manufacture_date)
VALUES (100, 'Aspirin', 'pharmaceutical', 1, 'B-1', '2026-01-01'), (101, 'Coffee', 'food', 1, 'C-1', '2026-01-01');
INSERT INTO trace.checkpoints (id, product_id, "timestamp", location, stakeholder_id, status) OVERRIDING SYSTEM VALUE
SELECT 500 + product_id - 100, product_id, '2026-01-02', 'Plant', id, 'manufactured' FROM trace.stakeholders;
INSERT INTO compliance.standards (id, standard_name, standard_code, category) OVERRIDING SYSTEM VALUE VALUES (1, 'GMP', 'GMP', 'regulatory');
INSERT INTO compliance.checkpoint_checks (product_id, checkpoint_id, standard_id, compliance_status, checked_by) VALUES (100, 500, 1, 'passed', 1);

-- behaviour: constraints
SELECT throws_ok($$INSERT INTO compliance.checkpoint_checks (product_id, checkpoint_id, standard_id, compliance_status, checked_by) VALUES (100, 500, 1, 'failed', 1)$$,
                 '23505', NULL, 'compliance.checkpoint_checks.checkpoint_checks_checkpoint_standard_key: rejects a second verdict for a checkpoint and standard');
SELECT throws_ok($$INSERT INTO compliance.checkpoint_checks (product_id, checkpoint_id, standard_id, checked_by) VALUES (101, 500, 1, 1)$$,
                 '23503', NULL, 'compliance.checkpoint_checks.checkpoint_checks_checkpoint_fkey: rejects a checkpoint of another product');
SELECT throws_ok($$INSERT INTO compliance.checkpoint_checks (product_id, checkpoint_id, standard_id, checked_by) VALUES (101, 501, 1, 99)$$,
                 '23503', NULL, 'compliance.checkpoint_checks.checkpoint_checks_checked_by_fkey: rejects an unknown inspector');
SELECT lives_ok($$INSERT INTO compliance.checkpoint_checks (product_id, checkpoint_id, standard_id, checked_by) VALUES (101, 501, 1, 1)$$, 'compliance.checkpoint_checks: accepts a pending check');
SELECT is((SELECT compliance_status::text FROM compliance.checkpoint_checks WHERE checkpoint_id = 501), 'pending', 'compliance.checkpoint_checks.compliance_status: pending by default');
SELECT throws_ok($$INSERT INTO compliance.checkpoint_checks (product_id, checkpoint_id, standard_id, checked_by) VALUES (100, 500, 99, 1)$$,
                 '23503', NULL, 'compliance.checkpoint_checks.checkpoint_checks_standard_id_fkey: rejects an unknown standard');
SELECT throws_ok($$UPDATE compliance.checkpoint_checks SET check_details = repeat('x', 4001)$$, '23514', NULL, 'compliance.checkpoint_checks.checkpoint_checks_check_details_check: rejects over 4000 characters');
SELECT throws_ok($$UPDATE compliance.checkpoint_checks SET evidence_uri = 'mailto:x'$$, '23514', NULL, 'compliance.checkpoint_checks.checkpoint_checks_evidence_uri_check: rejects a mailto: URI');
SELECT throws_ok($$UPDATE compliance.checkpoint_checks SET metadata = 'null'$$, '23514', NULL, 'compliance.checkpoint_checks.checkpoint_checks_metadata_check: rejects a non-object');
SELECT throws_ok($$DELETE FROM trace.checkpoints WHERE id = 500$$, '23503', NULL, 'compliance.checkpoint_checks.checkpoint_checks_checkpoint_fkey: a checked checkpoint cannot be deleted (history)');

-- behaviour: RLS
SELECT tests.act_as(1);
SELECT is((SELECT pg_catalog.count(*)::int FROM compliance.checkpoint_checks), 2, 'compliance.checkpoint_checks.checkpoint_checks_select_all: an end user reads every check');
SELECT throws_ok($$UPDATE compliance.checkpoint_checks SET compliance_status = 'passed'$$, '42501', NULL, 'compliance.checkpoint_checks: an end user cannot change verdicts');
SELECT tests.act_as_role('chain_readonly');
SELECT is((SELECT pg_catalog.count(*)::int FROM compliance.checkpoint_checks), 2, 'compliance.checkpoint_checks.checkpoint_checks_select_readonly: reporting reads every check');
SELECT tests.act_as_role('chain_app');
SELECT is((SELECT pg_catalog.count(*)::int FROM compliance.checkpoint_checks), 2, 'compliance.checkpoint_checks.checkpoint_checks_select_app: the backend reads every check');
SELECT lives_ok($$UPDATE compliance.checkpoint_checks SET compliance_status = 'failed' WHERE checkpoint_id = 501$$, 'compliance.checkpoint_checks.checkpoint_checks_update_app: the backend records verdicts');
SELECT lives_ok($$DELETE FROM compliance.checkpoint_checks WHERE checkpoint_id = 501$$, 'compliance.checkpoint_checks.checkpoint_checks_delete_app: the backend deletes');
SELECT lives_ok($$INSERT INTO compliance.checkpoint_checks (product_id, checkpoint_id, standard_id, checked_by) VALUES (101, 501, 1, 1)$$, 'compliance.checkpoint_checks.checkpoint_checks_insert_app: the backend records checks');
SELECT tests.reset_role();
SET LOCAL ROLE chain_owner;
SELECT is((SELECT pg_catalog.count(*)::int FROM compliance.checkpoint_checks), 2, 'compliance.checkpoint_checks.checkpoint_checks_select_owner: chain_owner reads every check');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
