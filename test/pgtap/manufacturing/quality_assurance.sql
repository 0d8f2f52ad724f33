-- pgTAP: manufacturing/quality_assurance — manufacturing.quality_assurance inspection records.
BEGIN;
SELECT plan(73);

SELECT enum_has_labels('manufacturing', 'qa_result', ARRAY['passed', 'failed', 'conditional']::name[], 'manufacturing.qa_result: labels passed, failed, conditional');
SELECT ok(pg_catalog.obj_description('manufacturing.qa_result'::regtype, 'pg_type') IS NOT NULL, 'manufacturing.qa_result: has a comment');
-- structure (snapshot of the deployed catalog)
SELECT has_table('manufacturing', 'quality_assurance', 'manufacturing.quality_assurance: exists');
SELECT tests.table_conventions('manufacturing.quality_assurance');  -- 9: owner, comments, RLS forced, indexed FKs/policy columns, PUBLIC, backend access
SELECT columns_are('manufacturing', 'quality_assurance', ARRAY['id', 'order_id', 'inspector_id', 'result', 'score', 'defects', 'notes', 'inspected_at', 'created_at'], 'manufacturing.quality_assurance: exactly these columns');
SELECT col_type_is('manufacturing', 'quality_assurance', c, ty, 'manufacturing.quality_assurance.' || c || ': ' || ty)
  FROM (VALUES ('id', 'bigint'), ('order_id', 'bigint'), ('inspector_id', 'bigint'), ('result', 'manufacturing.qa_result'), ('score', 'numeric(5,2)'), ('defects', 'jsonb'), ('notes', 'text'), ('inspected_at', 'timestamp with time zone'), ('created_at', 'timestamp with time zone')) AS v (c, ty);
SELECT col_not_null('manufacturing', 'quality_assurance', c, 'manufacturing.quality_assurance.' || c || ': not null') FROM pg_catalog.unnest(ARRAY['id', 'order_id', 'inspector_id', 'result', 'score', 'defects', 'inspected_at', 'created_at']::name[]) AS c;
SELECT col_is_null('manufacturing', 'quality_assurance', c, 'manufacturing.quality_assurance.' || c || ': nullable') FROM pg_catalog.unnest(ARRAY['notes']::name[]) AS c;
SELECT set_eq($$SELECT conname::text FROM pg_catalog.pg_constraint WHERE conrelid = 'manufacturing.quality_assurance'::regclass$$,
              ARRAY['quality_assurance_defects_check', 'quality_assurance_inspector_id_fkey', 'quality_assurance_notes_check', 'quality_assurance_order_id_fkey', 'quality_assurance_passed_without_defects', 'quality_assurance_pkey', 'quality_assurance_score_check'], 'manufacturing.quality_assurance: constraints ' || 'quality_assurance_defects_check, quality_assurance_inspector_id_fkey, quality_assurance_notes_check, quality_assurance_order_id_fkey, quality_assurance_passed_without_defects, quality_assurance_pkey, quality_assurance_score_check');
SELECT indexes_are('manufacturing', 'quality_assurance', ARRAY['quality_assurance_inspector_id_idx', 'quality_assurance_order_id_inspected_at_idx', 'quality_assurance_pkey']::name[], 'manufacturing.quality_assurance: indexes ' || 'quality_assurance_inspector_id_idx, quality_assurance_order_id_inspected_at_idx, quality_assurance_pkey');
SELECT is(pg_catalog.pg_get_indexdef('manufacturing.quality_assurance_inspector_id_idx'::regclass), 'CREATE INDEX quality_assurance_inspector_id_idx ON manufacturing.quality_assurance USING btree (inspector_id)', 'manufacturing.quality_assurance.quality_assurance_inspector_id_idx: definition');
SELECT is(pg_catalog.pg_get_indexdef('manufacturing.quality_assurance_order_id_inspected_at_idx'::regclass), 'CREATE INDEX quality_assurance_order_id_inspected_at_idx ON manufacturing.quality_assurance USING btree (order_id, inspected_at DESC)', 'manufacturing.quality_assurance.quality_assurance_order_id_inspected_at_idx: definition');
SELECT is(pg_catalog.pg_get_indexdef('manufacturing.quality_assurance_pkey'::regclass), 'CREATE UNIQUE INDEX quality_assurance_pkey ON manufacturing.quality_assurance USING btree (id)', 'manufacturing.quality_assurance.quality_assurance_pkey: definition');
SELECT triggers_are('manufacturing', 'quality_assurance', ARRAY[]::text[]::name[], 'manufacturing.quality_assurance: triggers ' || '');
SELECT policies_are('manufacturing', 'quality_assurance', ARRAY['quality_assurance_delete_app', 'quality_assurance_insert_app', 'quality_assurance_select_app', 'quality_assurance_select_party', 'quality_assurance_select_readonly', 'quality_assurance_update_app', 'quality_assurance_select_owner']::name[], 'manufacturing.quality_assurance: policies');
SELECT policy_cmd_is('manufacturing', 'quality_assurance', 'quality_assurance_delete_app'::name, 'delete', 'manufacturing.quality_assurance.quality_assurance_delete_app: FOR delete');
SELECT policy_roles_are('manufacturing', 'quality_assurance', 'quality_assurance_delete_app', ARRAY['chain_app']::name[], 'manufacturing.quality_assurance.quality_assurance_delete_app: TO chain_app');
SELECT policy_cmd_is('manufacturing', 'quality_assurance', 'quality_assurance_insert_app'::name, 'insert', 'manufacturing.quality_assurance.quality_assurance_insert_app: FOR insert');
SELECT policy_roles_are('manufacturing', 'quality_assurance', 'quality_assurance_insert_app', ARRAY['chain_app']::name[], 'manufacturing.quality_assurance.quality_assurance_insert_app: TO chain_app');
SELECT policy_cmd_is('manufacturing', 'quality_assurance', 'quality_assurance_select_app'::name, 'select', 'manufacturing.quality_assurance.quality_assurance_select_app: FOR select');
SELECT policy_roles_are('manufacturing', 'quality_assurance', 'quality_assurance_select_app', ARRAY['chain_app']::name[], 'manufacturing.quality_assurance.quality_assurance_select_app: TO chain_app');
SELECT policy_cmd_is('manufacturing', 'quality_assurance', 'quality_assurance_select_party'::name, 'select', 'manufacturing.quality_assurance.quality_assurance_select_party: FOR select');
SELECT policy_roles_are('manufacturing', 'quality_assurance', 'quality_assurance_select_party', ARRAY['chain_user']::name[], 'manufacturing.quality_assurance.quality_assurance_select_party: TO chain_user');
SELECT policy_cmd_is('manufacturing', 'quality_assurance', 'quality_assurance_select_readonly'::name, 'select', 'manufacturing.quality_assurance.quality_assurance_select_readonly: FOR select');
SELECT policy_roles_are('manufacturing', 'quality_assurance', 'quality_assurance_select_readonly', ARRAY['chain_readonly']::name[], 'manufacturing.quality_assurance.quality_assurance_select_readonly: TO chain_readonly');
SELECT policy_cmd_is('manufacturing', 'quality_assurance', 'quality_assurance_update_app'::name, 'update', 'manufacturing.quality_assurance.quality_assurance_update_app: FOR update');
SELECT policy_roles_are('manufacturing', 'quality_assurance', 'quality_assurance_update_app', ARRAY['chain_app']::name[], 'manufacturing.quality_assurance.quality_assurance_update_app: TO chain_app');
SELECT table_privs_are('manufacturing', 'quality_assurance', 'chain_app', ARRAY['DELETE', 'INSERT', 'SELECT', 'UPDATE'], 'manufacturing.quality_assurance: chain_app has DELETE, INSERT, SELECT, UPDATE');
SELECT table_privs_are('manufacturing', 'quality_assurance', 'chain_user', ARRAY['SELECT'], 'manufacturing.quality_assurance: chain_user has SELECT');
SELECT table_privs_are('manufacturing', 'quality_assurance', 'chain_readonly', ARRAY['SELECT'], 'manufacturing.quality_assurance: chain_readonly has SELECT');

-- fixture, inserted as the test's owner: three users
INSERT INTO core.users (id, wallet_address) OVERRIDING SYSTEM VALUE VALUES
    (1, '0x1111111111111111111111111111111111111111'),
    (2, '0x2222222222222222222222222222222222222222'),
    (3, '0x3333333333333333333333333333333333333333');
INSERT INTO manufacturing.orders (id, customer_id, manufacturer_id, title, quantity, total_amount, status) OVERRIDING SYSTEM VALUE VALUES
    (1, 1, 2, 'Custom gripper batch', 10, 100, 'in_production'),
    (2, 1, NULL, 'Draft arm', 1, 50, 'draft');

INSERT INTO manufacturing.quality_assurance (order_id, inspector_id, result, score, defects, notes) VALUES
    (1, 3, 'conditional', 82.5, '[{"code": "SCRATCH", "severity": "minor"}]', 'Cosmetic scratches');

-- behaviour: constraints
SELECT throws_ok($$INSERT INTO manufacturing.quality_assurance (order_id, inspector_id, result, score) VALUES (1, 3, 'passed', 100.01)$$,
                 '23514', NULL, 'manufacturing.quality_assurance.score: rejects above 100');
SELECT throws_ok($$INSERT INTO manufacturing.quality_assurance (order_id, inspector_id, result, score) VALUES (1, 3, 'failed', -1)$$,
                 '23514', NULL, 'manufacturing.quality_assurance.score: rejects a negative score');
SELECT throws_ok($$INSERT INTO manufacturing.quality_assurance (order_id, inspector_id, result, score, defects) VALUES (1, 3, 'failed', 10, '{}')$$,
                 '23514', NULL, 'manufacturing.quality_assurance.defects: rejects a non-array');
SELECT throws_ok($$INSERT INTO manufacturing.quality_assurance (order_id, inspector_id, result, score, defects) VALUES (1, 3, 'passed', 90, '[{"code": "X"}]')$$,
                 '23514', NULL, 'manufacturing.quality_assurance.quality_assurance_passed_without_defects: rejects a pass with defects');
SELECT throws_ok($$INSERT INTO manufacturing.quality_assurance (order_id, inspector_id, result, score) VALUES (1, 3, 'meh', 50)$$,
                 '22P02', NULL, 'manufacturing.qa_result: rejects an unknown result');
SELECT throws_ok($$INSERT INTO manufacturing.quality_assurance (order_id, inspector_id, result, score, notes) VALUES (1, 3, 'failed', 5, pg_catalog.repeat('n', 10001))$$,
                 '23514', NULL, 'manufacturing.quality_assurance.notes: rejects more than 10000 characters');
SELECT throws_ok($$INSERT INTO manufacturing.quality_assurance (order_id, inspector_id, result, score) VALUES (99, 3, 'failed', 5)$$,
                 '23503', NULL, 'manufacturing.quality_assurance.quality_assurance_order_id_fkey: rejects an unknown order');
SELECT throws_ok($$INSERT INTO manufacturing.quality_assurance (order_id, inspector_id, result, score) VALUES (1, 99, 'failed', 5)$$,
                 '23503', NULL, 'manufacturing.quality_assurance.quality_assurance_inspector_id_fkey: rejects an unknown inspector');
SELECT lives_ok($$INSERT INTO manufacturing.quality_assurance (order_id, inspector_id, result, score) VALUES (2, 3, 'passed', 99)$$,
                'manufacturing.quality_assurance: accepts a pass without defects');

-- behaviour: RLS (the inspector, and the order's parties)
SELECT tests.act_as(3);
SELECT is((SELECT pg_catalog.count(*)::int FROM manufacturing.quality_assurance), 2, 'manufacturing.quality_assurance.quality_assurance_select_party: the inspector sees its inspections');
SELECT tests.act_as(2);
SELECT is((SELECT pg_catalog.count(*)::int FROM manufacturing.quality_assurance), 1, 'manufacturing.quality_assurance.quality_assurance_select_party: the manufacturer sees its order''s inspection only');
SELECT throws_ok($$INSERT INTO manufacturing.quality_assurance (order_id, inspector_id, result, score) VALUES (1, 2, 'passed', 99)$$,
                 '42501', NULL, 'manufacturing.quality_assurance: chain_user cannot insert');
SELECT tests.act_as_role('chain_readonly');
SELECT is((SELECT pg_catalog.count(*)::int FROM manufacturing.quality_assurance), 2, 'manufacturing.quality_assurance: chain_readonly sees all (policy quality_assurance_select_readonly)');
SELECT tests.act_as_role('chain_app');
SELECT is((SELECT pg_catalog.count(*)::int FROM manufacturing.quality_assurance), 2, 'manufacturing.quality_assurance.quality_assurance_select_app: chain_app sees all');
SELECT lives_ok($$INSERT INTO manufacturing.quality_assurance (order_id, inspector_id, result, score) VALUES (1, 2, 'failed', 10)$$, 'manufacturing.quality_assurance.quality_assurance_insert_app: the backend records');
SELECT lives_ok($$UPDATE manufacturing.quality_assurance SET score = 11 WHERE inspector_id = 2$$, 'manufacturing.quality_assurance.quality_assurance_update_app: the backend corrects');
SELECT lives_ok($$DELETE FROM manufacturing.quality_assurance WHERE inspector_id = 2$$, 'manufacturing.quality_assurance.quality_assurance_delete_app: the backend deletes');
SELECT tests.reset_role();
SELECT ok((SELECT inspected_at = pg_catalog.now() AND created_at = pg_catalog.now() FROM manufacturing.quality_assurance LIMIT 1),
          'manufacturing.quality_assurance.inspected_at: defaults to now() (as does manufacturing.quality_assurance.created_at)');

-- behaviour: the party policy stays index-served on 100k inspections (no scan of the table)
SET LOCAL session_replication_role = replica;   -- bulk fixture: no triggers, no FK checks
INSERT INTO manufacturing.orders (id, customer_id, manufacturer_id, title, quantity, total_amount, status) OVERRIDING SYSTEM VALUE
SELECT 1000 + g, 10000 + g % 5000, 20000 + g % 1000, 'bulk', 1, 1000, 'in_production' FROM pg_catalog.generate_series(1, 25000) AS g;
INSERT INTO manufacturing.quality_assurance (order_id, inspector_id, result, score)
SELECT 1000 + g, 30000 + g % 5000, 'passed', 90 FROM pg_catalog.generate_series(1, 25000) AS g, pg_catalog.generate_series(1, 4) AS s;
SET LOCAL session_replication_role = origin;
ANALYZE manufacturing.orders;
ANALYZE manufacturing.quality_assurance;
SELECT tests.act_as(3);
SELECT tests.uses_index($$SELECT * FROM manufacturing.quality_assurance$$, 'manufacturing.quality_assurance_order_id_inspected_at_idx',
                        'manufacturing.quality_assurance.quality_assurance_select_party: the order side is index-served (100k inspections)');
SELECT tests.uses_index($$SELECT * FROM manufacturing.quality_assurance$$, 'manufacturing.quality_assurance_inspector_id_idx',
                        'manufacturing.quality_assurance.quality_assurance_select_party: the inspector side is index-served (100k inspections)');
SELECT tests.reset_role();

SELECT * FROM finish();
ROLLBACK;
