-- pgTAP: audit/capture — audit.capture(), audit.capture_statement(), audit.enable_tracking(),
-- audit.disable_tracking().
BEGIN;
SELECT plan(42);

-- structure
SELECT has_function('audit', f, ARRAY[]::text[], 'audit.' || f || '(): exists') FROM pg_catalog.unnest(ARRAY['capture', 'capture_statement']) AS f;
SELECT function_returns('audit', f, ARRAY[]::text[], 'trigger', 'audit.' || f || '(): returns trigger') FROM pg_catalog.unnest(ARRAY['capture', 'capture_statement']) AS f;
SELECT is_definer('audit', f, ARRAY[]::text[], 'audit.' || f || '(): security definer') FROM pg_catalog.unnest(ARRAY['capture', 'capture_statement']) AS f;
SELECT is((SELECT proconfig FROM pg_catalog.pg_proc WHERE oid = ('audit.' || f || '()')::regprocedure),
          ARRAY['search_path=pg_catalog, pg_temp'], 'audit.' || f || '(): search_path pinned')
  FROM pg_catalog.unnest(ARRAY['capture', 'capture_statement']) AS f;
SELECT function_privs_are('audit', f, ARRAY[]::text[], 'public', ARRAY[]::text[], 'audit.' || f || '(): PUBLIC cannot execute')
  FROM pg_catalog.unnest(ARRAY['capture', 'capture_statement']) AS f;
SELECT has_function('audit', 'record_pk', ARRAY['jsonb', 'text[]'], 'audit.record_pk(): exists');
SELECT function_privs_are('audit', 'record_pk', ARRAY['jsonb', 'text[]'], 'public', ARRAY[]::text[], 'audit.record_pk(): PUBLIC cannot execute');
SELECT is(audit.record_pk('{"a": 1, "b": "x", "v": [1]}', ARRAY['b', 'a']), '{"a": 1, "b": "x"}'::jsonb,
          'audit.record_pk(): the key columns of a row image, as an object');
SELECT has_function('audit', 'enable_tracking', ARRAY['regclass', 'boolean'], 'audit.enable_tracking(): exists');
SELECT has_function('audit', 'disable_tracking', ARRAY['regclass'], 'audit.disable_tracking(): exists');
SELECT function_privs_are('audit', 'enable_tracking', ARRAY['regclass', 'boolean'], 'public', ARRAY[]::text[],
                          'audit.enable_tracking(): PUBLIC cannot execute');
SELECT function_privs_are('audit', 'disable_tracking', ARRAY['regclass'], 'public', ARRAY[]::text[],
                          'audit.disable_tracking(): PUBLIC cannot execute');

-- scratch tables owned by chain_owner, as every chaindb table is
SET LOCAL ROLE chain_owner;
CREATE TABLE core.tmp_tracked (id int PRIMARY KEY, v text, n int);
CREATE TABLE core.tmp_bulk (a int, b int, v text, PRIMARY KEY (a, b));
CREATE TABLE core.tmp_nopk (v text);
CREATE VIEW core.tmp_view AS SELECT 1 AS x;
SELECT lives_ok($$SELECT audit.enable_tracking('core.tmp_tracked')$$, 'audit.enable_tracking(): tracks a table');
SELECT lives_ok($$SELECT audit.enable_tracking('core.tmp_tracked')$$, 'audit.enable_tracking(): idempotent');
SELECT throws_ok($$SELECT audit.enable_tracking('core.tmp_nopk')$$, '55000', NULL,
                 'audit.enable_tracking(): refuses a table without primary key');
SELECT throws_ok($$SELECT audit.enable_tracking('core.tmp_view')$$, '42809', NULL, 'audit.enable_tracking(): refuses a view');
SELECT throws_ok($$SELECT audit.enable_tracking('audit.logs')$$, '42809', NULL, 'audit.enable_tracking(): refuses audit.logs itself');
SELECT lives_ok($$SELECT audit.enable_tracking('core.tmp_bulk', true)$$, 'audit.enable_tracking(): statement-level mode');
RESET ROLE;
SELECT triggers_are('core', 'tmp_tracked', ARRAY['audit_capture', 'audit_capture_truncate'],
                    'audit.enable_tracking(): row mode creates audit_capture and audit_capture_truncate');
SELECT is((SELECT pg_catalog.encode(tgargs, 'escape') FROM pg_catalog.pg_trigger
            WHERE tgrelid = 'core.tmp_tracked'::regclass AND tgname = 'audit_capture'),
          'id\000', 'audit.enable_tracking(): key columns looked up once, passed as trigger arguments');
SELECT triggers_are('core', 'tmp_bulk', ARRAY['audit_capture_insert', 'audit_capture_update', 'audit_capture_delete', 'audit_capture_truncate'],
                    'audit.enable_tracking(): statement mode creates the transition-table triggers');

-- row mode behaviour, acting for user 42 through app.user_id
SELECT set_config('app.user_id', '42', true);
INSERT INTO core.tmp_tracked VALUES (1, 'a', 1), (2, 'b', 2);
UPDATE core.tmp_tracked SET v = 'z' WHERE id = 1;
UPDATE core.tmp_tracked SET v = 'z' WHERE id = 1;   -- no change: not logged
DELETE FROM core.tmp_tracked WHERE id = 2;
SELECT results_eq(
    $$SELECT operation::text, record_pk, old_record, new_record, changed_columns, actor_id, db_user
        FROM audit.logs WHERE table_schema = 'core' AND table_name = 'tmp_tracked' ORDER BY id$$,
    $$VALUES ('INSERT', '{"id": 1}'::jsonb, NULL::jsonb, '{"id": 1, "n": 1, "v": "a"}'::jsonb, NULL::text[], 42::bigint, session_user::text COLLATE "default"),
             ('INSERT', '{"id": 2}', NULL, '{"id": 2, "n": 2, "v": "b"}', NULL, 42, session_user),
             ('UPDATE', '{"id": 1}', '{"id": 1, "n": 1, "v": "a"}', '{"id": 1, "n": 1, "v": "z"}', ARRAY['v'], 42, session_user),
             ('DELETE', '{"id": 2}', '{"id": 2, "n": 2, "v": "b"}', NULL, NULL, 42, session_user)$$,
    'audit.capture(): one row per change with operation, key, old/new, changed columns, actor, session user');
SELECT is((SELECT pg_catalog.count(DISTINCT txid)::int FROM audit.logs WHERE table_name = 'tmp_tracked'), 1,
          'audit.capture(): rows of one transaction share its txid');
SELECT is((SELECT txid FROM audit.logs WHERE table_name = 'tmp_tracked' LIMIT 1), pg_catalog.txid_current(),
          'audit.capture(): txid is the changing transaction''s');
TRUNCATE core.tmp_tracked;
SELECT is((SELECT operation::text FROM audit.logs WHERE table_name = 'tmp_tracked' ORDER BY id DESC LIMIT 1), 'TRUNCATE',
          'audit.capture_statement(): logs a TRUNCATE');

-- a user acting through RLS roles: the actor comes from the claims
SET LOCAL ROLE chain_owner;
GRANT INSERT ON core.tmp_tracked TO chain_user;
RESET ROLE;
SELECT tests.act_as(7);
INSERT INTO core.tmp_tracked VALUES (3, 'c', 3);
SELECT tests.reset_role();
SELECT is((SELECT actor_id FROM audit.logs WHERE table_name = 'tmp_tracked' ORDER BY id DESC LIMIT 1), 7::bigint,
          'audit.capture(): actor is core.current_user_id() of the writer, who needs no audit privilege');

-- statement mode behaviour
SELECT set_config('app.user_id', '5', true);
INSERT INTO core.tmp_bulk SELECT g, g, 'x' FROM pg_catalog.generate_series(1, 100) AS g;
UPDATE core.tmp_bulk SET v = 'y' WHERE a <= 10;
DELETE FROM core.tmp_bulk WHERE a > 95;
SELECT results_eq(
    $$SELECT operation::text, pg_catalog.count(*)::int FROM audit.logs WHERE table_name = 'tmp_bulk' GROUP BY 1 ORDER BY 1$$,
    $$VALUES ('DELETE', 5), ('INSERT', 100), ('UPDATE', 10)$$,
    'audit.capture_statement(): one row per changed row from the transition tables');
SELECT results_eq(
    $$SELECT record_pk, old_record ->> 'v', new_record ->> 'v', changed_columns, actor_id
        FROM audit.logs WHERE table_name = 'tmp_bulk' AND operation = 'UPDATE' AND record_pk = '{"a": 1, "b": 1}'$$,
    $$VALUES ('{"a": 1, "b": 1}'::jsonb, 'x', 'y', ARRAY['v'], 5::bigint)$$,
    'audit.capture_statement(): an UPDATE pairs old and new rows by key, with changed columns and actor');

-- the shape of every row the triggers wrote above (row and statement mode, TRUNCATE): audit.logs
-- has no CHECK for it (planned at every INSERT, one per audited row), so it holds by construction
SELECT results_eq(
    $$SELECT DISTINCT operation::text, record_pk IS NOT NULL, old_record IS NOT NULL, new_record IS NOT NULL,
                      changed_columns IS NOT NULL, txid = pg_catalog.txid_current(), db_user = session_user
        FROM audit.logs WHERE table_name IN ('tmp_tracked', 'tmp_bulk') ORDER BY 1$$,
    $$VALUES ('DELETE', true, true, false, false, true, true), ('INSERT', true, false, true, false, true, true),
             ('TRUNCATE', false, false, false, false, true, true), ('UPDATE', true, true, true, true, true, true)$$,
    'audit.capture(), audit.capture_statement(): each operation writes its shape (INSERT: key and new; DELETE: key and old; UPDATE: key, old, new, changed columns; TRUNCATE: none)');
SELECT is((SELECT pg_catalog.count(*)::int FROM audit.logs
            WHERE table_name IN ('tmp_tracked', 'tmp_bulk') AND operation IN ('INSERT', 'UPDATE', 'DELETE')
              AND record_pk IS DISTINCT FROM COALESCE(new_record, old_record) - ARRAY['v', 'n']),
          0, 'audit.capture(), audit.capture_statement(): record_pk is the key of the row image');

-- disable
SET LOCAL ROLE chain_owner;
SELECT lives_ok($$SELECT audit.disable_tracking('core.tmp_tracked')$$, 'audit.disable_tracking(): stops tracking');
SELECT lives_ok($$SELECT audit.disable_tracking('core.tmp_tracked')$$, 'audit.disable_tracking(): idempotent');
SELECT lives_ok($$SELECT audit.enable_tracking('core.tmp_bulk')$$, 'audit.enable_tracking(): switches statement mode back to row mode');
RESET ROLE;
SELECT triggers_are('core', 'tmp_tracked', ARRAY[]::text[], 'audit.disable_tracking(): no audit trigger left');
SELECT triggers_are('core', 'tmp_bulk', ARRAY['audit_capture', 'audit_capture_truncate'],
                    'audit.enable_tracking(): re-enabling replaces the triggers of the other mode');
INSERT INTO core.tmp_tracked VALUES (4, 'd', 4);
INSERT INTO core.tmp_bulk VALUES (200, 7, 'r');
SELECT results_eq(
    $$SELECT operation::text, record_pk, new_record FROM audit.logs WHERE table_name = 'tmp_bulk' ORDER BY id DESC LIMIT 1$$,
    $$VALUES ('INSERT', '{"a": 200, "b": 7}'::jsonb, '{"a": 200, "b": 7, "v": "r"}'::jsonb)$$,
    'audit.capture(): a composite key in row mode');
SELECT is_empty($$SELECT 1 FROM audit.logs WHERE table_name = 'tmp_tracked' AND record_pk = '{"id": 4}'$$,
                'audit.disable_tracking(): no audit row after disabling');

SELECT * FROM finish();
ROLLBACK;
