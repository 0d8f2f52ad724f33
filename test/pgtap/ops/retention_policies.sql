-- pgTAP: ops/retention_policies — ops.retention_policies, its validation trigger
-- ops.validate_retention_policy() and the rules shipped for audit.logs and audit.system_events.
BEGIN;
SELECT plan(89);

SELECT tests.function_conventions('ops.validate_retention_policy()');

SELECT has_table('ops', 'retention_policies', 'ops.retention_policies: exists');
SELECT table_owner_is('ops', 'retention_policies', 'chain_owner', 'ops.retention_policies: owned by chain_owner');
SELECT ok(pg_catalog.obj_description('ops.retention_policies'::regclass, 'pg_class') IS NOT NULL,
          'ops.retention_policies: has a comment');
SELECT columns_are('ops', 'retention_policies',
                   ARRAY['id', 'table_name', 'rule_name', 'time_column', 'keep_hot', 'action', 'keep_archived', 'row_filter',
                         'batch_size', 'enabled', 'last_run_at', 'last_status', 'last_result', 'note', 'created_at', 'updated_at'],
                   'ops.retention_policies: exactly these columns');
SELECT col_type_is('ops', 'retention_policies', c, t, 'ops.retention_policies.' || c || ': ' || t)
  FROM (VALUES ('id', 'bigint'), ('table_name', 'regclass'), ('rule_name', 'text'), ('time_column', 'name'),
               ('keep_hot', 'interval'), ('action', 'text'), ('keep_archived', 'interval'), ('row_filter', 'text'),
               ('batch_size', 'integer'), ('enabled', 'boolean'), ('last_run_at', 'timestamp with time zone'),
               ('last_status', 'text'), ('last_result', 'jsonb'), ('note', 'text'),
               ('created_at', 'timestamp with time zone'), ('updated_at', 'timestamp with time zone')) AS v (c, t);
SELECT ok(pg_catalog.col_description('ops.retention_policies'::regclass, a.attnum) IS NOT NULL,
          'ops.retention_policies.' || a.attname || ': has a comment')
  FROM pg_catalog.pg_attribute AS a
 WHERE a.attrelid = 'ops.retention_policies'::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum;
SELECT col_is_pk('ops', 'retention_policies', 'id', 'ops.retention_policies.retention_policies_pkey: id');
SELECT col_is_unique('ops', 'retention_policies', ARRAY['table_name', 'rule_name'],
                     'ops.retention_policies.retention_policies_table_rule_key: (table_name, rule_name)');
SELECT col_default_is('ops', 'retention_policies', 'rule_name', 'default', 'ops.retention_policies.rule_name: default ''default''');
SELECT col_default_is('ops', 'retention_policies', 'batch_size', '5000', 'ops.retention_policies.batch_size: default 5000');
SELECT col_default_is('ops', 'retention_policies', 'enabled', 'true', 'ops.retention_policies.enabled: default true');
SELECT ok((SELECT relrowsecurity AND relforcerowsecurity FROM pg_catalog.pg_class WHERE oid = 'ops.retention_policies'::regclass),
          'ops.retention_policies: row-level security enabled and forced');
SELECT policies_are('ops', 'retention_policies',
                    ARRAY['retention_policies_select_readonly', 'retention_policies_select_monitor', 'retention_policies_select_owner',
                          'retention_policies_insert_owner', 'retention_policies_update_owner', 'retention_policies_delete_owner'],
                    'ops.retention_policies: policies (retention_policies_select_readonly, retention_policies_select_monitor, retention_policies_select_owner, retention_policies_insert_owner, retention_policies_update_owner, retention_policies_delete_owner)');
SELECT ok(pg_catalog.bool_and(pg_catalog.obj_description(p.oid, 'pg_policy') IS NOT NULL), 'ops.retention_policies: every policy has a comment')
  FROM pg_catalog.pg_policy AS p WHERE p.polrelid = 'ops.retention_policies'::regclass;
SELECT table_privs_are('ops', 'retention_policies', r, ARRAY['SELECT'], 'ops.retention_policies: ' || r || ' may only read')
  FROM pg_catalog.unnest(ARRAY['chain_readonly', 'chain_monitor']) AS r;
SELECT table_privs_are('ops', 'retention_policies', r, ARRAY[]::text[], 'ops.retention_policies: ' || r || ' has nothing')
  FROM pg_catalog.unnest(ARRAY['chain_app', 'chain_user', 'chain_analytics', 'public']) AS r;
SELECT has_trigger('ops', 'retention_policies', 'retention_policies_validate', 'ops.retention_policies.retention_policies_validate: exists');
SELECT has_trigger('ops', 'retention_policies', 'retention_policies_set_updated_at', 'ops.retention_policies.retention_policies_set_updated_at: exists');
SELECT has_function('ops', 'validate_retention_policy', ARRAY[]::text[], 'ops.validate_retention_policy(): exists');
SELECT is((SELECT proconfig FROM pg_catalog.pg_proc WHERE oid = 'ops.validate_retention_policy()'::regprocedure),
          ARRAY['search_path=pg_catalog, pg_temp'], 'ops.validate_retention_policy(): search_path pinned');
SELECT function_privs_are('ops', 'validate_retention_policy', ARRAY[]::text[], 'public', ARRAY[]::text[],
                          'ops.validate_retention_policy(): PUBLIC cannot execute');

-- the shipped rules
SELECT results_eq($$SELECT table_name::text, rule_name, time_column::text COLLATE "default", keep_hot, action, keep_archived, row_filter, enabled
                      FROM ops.retention_policies WHERE table_name IN ('audit.logs'::regclass, 'audit.system_events'::regclass)
                     ORDER BY 1$$,
                  $$VALUES ('audit.logs', 'default', 'logged_at', interval '365 days', 'delete', NULL::interval, NULL::text, true),
                           ('audit.system_events', 'default', 'created_at', interval '365 days', 'delete', NULL, NULL, true)$$,
                  'ops.retention_policies: audit.logs and audit.system_events keep 365 days (D-R2)');

-- a scratch table to write rules for (as chain_owner: deploy scripts load rules as the owner)
SET LOCAL ROLE chain_owner;
CREATE TABLE ops.tmp_events (id bigint PRIMARY KEY, status text, at timestamptz, day date, label text);
CREATE TABLE ops.tmp_nokey (at timestamptz);
CREATE VIEW ops.tmp_view AS SELECT 1 AS x;
SELECT lives_ok($$INSERT INTO ops.retention_policies (table_name, rule_name, time_column, keep_hot, action, keep_archived, row_filter, note)
                  VALUES ('ops.tmp_events', 'done', 'at', '30 days', 'archive', '1 year', $f$status = 'done'$f$, 'test')$$,
                'ops.retention_policies: chain_owner loads an archive rule with a filter');
SELECT lives_ok($$INSERT INTO ops.retention_policies (table_name, rule_name, time_column, keep_hot, action, note)
                  VALUES ('ops.tmp_events', 'by_day', 'day', '7 days', 'delete', 'test')$$,
                'ops.retention_policies: a date column is a time column; two rules on one table');
SELECT lives_ok($$INSERT INTO ops.retention_policies (table_name, time_column, keep_hot, action, note)
                  VALUES ('ops.tmp_nokey', 'at', '7 days', 'delete', 'test')$$,
                'ops.retention_policies: a delete rule needs no primary key');
SELECT throws_ok($$INSERT INTO ops.retention_policies (table_name, rule_name, time_column, keep_hot, action, note)
                   VALUES ('ops.tmp_events', 'done', 'at', '1 day', 'delete', 'test')$$, '23505', NULL,
                 'ops.retention_policies.retention_policies_table_rule_key: rejects a second rule of the same name');
SELECT throws_ok($$INSERT INTO ops.retention_policies (table_name, rule_name, time_column, keep_hot, action, note)
                   VALUES ('ops.tmp_events', 'Bad Name', 'at', '1 day', 'delete', 'test')$$, '23514', NULL,
                 'ops.retention_policies.retention_policies_rule_name_check: rejects a name that is not an identifier');
SELECT throws_ok($$INSERT INTO ops.retention_policies (table_name, rule_name, time_column, keep_hot, action, note)
                   VALUES ('ops.tmp_events', 'x', 'at', '0 days', 'delete', 'test')$$, '23514', NULL,
                 'ops.retention_policies.retention_policies_keep_hot_check: rejects a zero hot period');
SELECT throws_ok($$INSERT INTO ops.retention_policies (table_name, rule_name, time_column, keep_hot, action, note)
                   VALUES ('ops.tmp_events', 'x', 'at', '-1 days', 'delete', 'test')$$, '23514', NULL,
                 'ops.retention_policies.retention_policies_keep_hot_check: rejects a negative hot period');
SELECT throws_ok($$INSERT INTO ops.retention_policies (table_name, rule_name, time_column, keep_hot, action, note)
                   VALUES ('ops.tmp_events', 'x', 'at', '1 day', 'move', 'test')$$, '23514', NULL,
                 'ops.retention_policies.retention_policies_action_check: rejects an unknown action');
SELECT throws_ok($$INSERT INTO ops.retention_policies (table_name, rule_name, time_column, keep_hot, action, keep_archived, note)
                   VALUES ('ops.tmp_events', 'x', 'at', '1 day', 'delete', '1 year', 'test')$$, '23514', NULL,
                 'ops.retention_policies.retention_policies_keep_archived_check: rejects an archive period on a delete rule');
SELECT throws_ok($$INSERT INTO ops.retention_policies (table_name, rule_name, time_column, keep_hot, action, keep_archived, note)
                   VALUES ('ops.tmp_events', 'x', 'at', '1 day', 'archive', '0 days', 'test')$$, '23514', NULL,
                 'ops.retention_policies.retention_policies_keep_archived_check: rejects a zero archive period');
SELECT throws_ok($$INSERT INTO ops.retention_policies (table_name, rule_name, time_column, keep_hot, action, row_filter, note)
                   VALUES ('ops.tmp_events', 'x', 'at', '1 day', 'delete', 'true; DROP TABLE ops.tmp_events', 'test')$$, '23514', NULL,
                 'ops.retention_policies.retention_policies_row_filter_check: rejects a statement separator');
SELECT throws_ok($$INSERT INTO ops.retention_policies (table_name, rule_name, time_column, keep_hot, action, row_filter, note)
                   VALUES ('ops.tmp_events', 'x', 'at', '1 day', 'delete', '  ', 'test')$$, '23514', NULL,
                 'ops.retention_policies.retention_policies_row_filter_check: rejects an empty filter');
SELECT throws_ok($$INSERT INTO ops.retention_policies (table_name, rule_name, time_column, keep_hot, action, batch_size, note)
                   VALUES ('ops.tmp_events', 'x', 'at', '1 day', 'delete', 0, 'test')$$, '23514', NULL,
                 'ops.retention_policies.retention_policies_batch_size_check: rejects a zero batch');
SELECT throws_ok($$UPDATE ops.retention_policies SET last_status = 'fine' WHERE rule_name = 'done'$$, '23514', NULL,
                 'ops.retention_policies.retention_policies_last_status_check: rejects an unknown status');
SELECT throws_ok($$UPDATE ops.retention_policies SET last_result = '[1]' WHERE rule_name = 'done'$$, '23514', NULL,
                 'ops.retention_policies.retention_policies_last_result_check: rejects a non-object result');
SELECT throws_ok($$INSERT INTO ops.retention_policies (table_name, rule_name, time_column, keep_hot, action, note)
                   VALUES ('ops.tmp_events', 'x', 'at', '1 day', 'delete', ' ')$$, '23514', NULL,
                 'ops.retention_policies.retention_policies_note_check: rejects a rule without a source');
SELECT throws_ok($$INSERT INTO ops.retention_policies (table_name, rule_name, time_column, keep_hot, action, note)
                   VALUES ('ops.tmp_events', 'x', 'nope', '1 day', 'delete', 'test')$$, '22023',
                 'ops.retention_policies: ops.tmp_events has no column nope',
                 'ops.validate_retention_policy(): rejects a missing time column');
SELECT throws_ok($$INSERT INTO ops.retention_policies (table_name, rule_name, time_column, keep_hot, action, note)
                   VALUES ('ops.tmp_events', 'x', 'label', '1 day', 'delete', 'test')$$, '22023', NULL,
                 'ops.validate_retention_policy(): rejects a time column that is not a time');
SELECT throws_ok($$INSERT INTO ops.retention_policies (table_name, rule_name, time_column, keep_hot, action, note)
                   VALUES ('ops.tmp_nokey', 'x', 'at', '1 day', 'archive', 'test')$$, '22023', NULL,
                 'ops.validate_retention_policy(): rejects an archive rule on a table without a primary key');
SELECT throws_ok($$INSERT INTO ops.retention_policies (table_name, rule_name, time_column, keep_hot, action, row_filter, note)
                   VALUES ('ops.tmp_events', 'x', 'at', '1 day', 'delete', 'no_such_column = 1', 'test')$$, '22023', NULL,
                 'ops.validate_retention_policy(): rejects a filter that does not parse against the table');
SELECT throws_ok($$INSERT INTO ops.retention_policies (table_name, rule_name, time_column, keep_hot, action, note)
                   VALUES ('ops.tmp_view', 'x', 'x', '1 day', 'delete', 'test')$$, '22023', NULL,
                 'ops.validate_retention_policy(): rejects a view');
SELECT throws_ok($$UPDATE ops.retention_policies SET time_column = 'label' WHERE rule_name = 'done'$$, '22023', NULL,
                 'ops.validate_retention_policy(): checks updates too');
SELECT throws_ok($$INSERT INTO ops.retention_policies (table_name, time_column, keep_hot, action, note)
                   VALUES ('ops.no_such_table', 'at', '1 day', 'delete', 'test')$$, '42P01', NULL,
                 'ops.retention_policies.table_name: rejects a table that does not exist');
RESET ROLE;

-- updated_at moves on a real change only
UPDATE ops.retention_policies SET updated_at = '2000-01-01', created_at = '2000-01-01' WHERE rule_name = 'done';
UPDATE ops.retention_policies SET enabled = false WHERE rule_name = 'done';
SELECT ok((SELECT updated_at > '2000-01-01' FROM ops.retention_policies WHERE rule_name = 'done'),
          'ops.retention_policies.retention_policies_set_updated_at: a change stamps updated_at');

-- who may do what
SELECT tests.act_as_role('chain_app');
SELECT throws_ok($$SELECT * FROM ops.retention_policies$$, '42501', NULL, 'ops.retention_policies: chain_app cannot read');
SELECT throws_ok($$DELETE FROM ops.retention_policies$$, '42501', NULL, 'ops.retention_policies: chain_app cannot delete rules');
SELECT tests.act_as_role('chain_readonly');
SELECT ok((SELECT pg_catalog.count(*) >= 2 FROM ops.retention_policies), 'ops.retention_policies: chain_readonly reads the rules');
SELECT throws_ok($$UPDATE ops.retention_policies SET enabled = false$$, '42501', NULL,
                 'ops.retention_policies: chain_readonly cannot change a rule');
SELECT tests.act_as_role('chain_monitor');
SELECT ok((SELECT pg_catalog.count(*) >= 2 FROM ops.retention_policies), 'ops.retention_policies: chain_monitor reads the rules');
SELECT tests.reset_role();

SELECT * FROM finish();
ROLLBACK;
