-- pgTAP: audit/logs — audit.logs (partitioned by month) and the enum audit.operation.
BEGIN;
SELECT plan(73);

SELECT has_enum('audit', 'operation', 'audit.operation: exists');
SELECT enum_has_labels('audit', 'operation', ARRAY['INSERT', 'UPDATE', 'DELETE', 'TRUNCATE'], 'audit.operation: labels');
SELECT ok(pg_catalog.obj_description('audit.operation'::regtype, 'pg_type') IS NOT NULL, 'audit.operation: has a comment');

SELECT has_table('audit', 'logs', 'audit.logs: exists');
SELECT table_owner_is('audit', 'logs', 'chain_owner', 'audit.logs: owned by chain_owner');
SELECT is_partitioned('audit', 'logs', 'audit.logs: partitioned');
SELECT is((SELECT pg_catalog.pg_get_partkeydef('audit.logs'::regclass)), 'RANGE (logged_at)', 'audit.logs: by range of logged_at');
SELECT columns_are('audit', 'logs', ARRAY['id', 'logged_at', 'table_schema', 'table_name', 'operation', 'record_pk',
                   'old_record', 'new_record', 'changed_columns', 'actor_id', 'db_user', 'txid'], 'audit.logs: exactly these columns');
SELECT col_type_is('audit', 'logs', c, t, 'audit.logs.' || c || ': ' || t)
  FROM (VALUES ('id', 'bigint'), ('logged_at', 'timestamp with time zone'), ('table_schema', 'text'), ('table_name', 'text'),
               ('operation', 'audit.operation'), ('record_pk', 'jsonb'), ('old_record', 'jsonb'), ('new_record', 'jsonb'),
               ('changed_columns', 'text[]'), ('actor_id', 'bigint'), ('db_user', 'text'), ('txid', 'bigint')) AS v (c, t);
SELECT col_not_null('audit', 'logs', c, 'audit.logs.' || c || ': not null')
  FROM pg_catalog.unnest(ARRAY['id', 'logged_at', 'table_schema', 'table_name', 'operation', 'db_user', 'txid']) AS c;
SELECT col_is_null('audit', 'logs', c, 'audit.logs.' || c || ': nullable')
  FROM pg_catalog.unnest(ARRAY['record_pk', 'old_record', 'new_record', 'changed_columns', 'actor_id']) AS c;
SELECT col_default_is('audit', 'logs', 'logged_at', 'now()', 'audit.logs.logged_at: default now()');
SELECT col_default_is('audit', 'logs', 'db_user', 'SESSION_USER', 'audit.logs.db_user: default session_user');
SELECT col_default_is('audit', 'logs', 'txid', 'txid_current()', 'audit.logs.txid: default txid_current()');
SELECT ok(pg_catalog.col_description('audit.logs'::regclass, a.attnum) IS NOT NULL, 'audit.logs.' || a.attname || ': has a comment')
  FROM pg_catalog.pg_attribute AS a WHERE a.attrelid = 'audit.logs'::regclass AND a.attnum > 0 ORDER BY a.attnum;
SELECT hasnt_pk('audit', 'logs', 'audit.logs: no primary key (no btree to feed on every audited write)');
SELECT has_check('audit', 'logs', 'audit.logs.logs_operation_shape: exists');
SELECT indexes_are('audit', 'logs', ARRAY['logs_logged_at_brin'], 'audit.logs: exactly these indexes');
SELECT index_is_type('audit', 'logs', 'logs_logged_at_brin', 'brin', 'audit.logs.logs_logged_at_brin: BRIN');
SELECT triggers_are('audit', 'logs', ARRAY[]::text[], 'audit.logs: no triggers');
SELECT policies_are('audit', 'logs', ARRAY[]::text[], 'audit.logs: no policies (schema privileges guard it)');

-- partitions: this month and 3 ahead at deploy time
SELECT ok((SELECT pg_catalog.count(*) >= 4 FROM pg_catalog.pg_inherits WHERE inhparent = 'audit.logs'::regclass),
          'audit.logs: has its monthly partitions');
SELECT has_table('audit', 'logs_p' || pg_catalog.to_char(pg_catalog.now() AT TIME ZONE 'UTC', 'YYYY_MM'),
                 'audit.logs: the partition of the current month exists');

-- row images compressed with lz4, on the partitions too
SELECT is((SELECT pg_catalog.array_agg(DISTINCT a.attcompression::text) FROM pg_catalog.pg_attribute AS a
            WHERE a.attname IN ('old_record', 'new_record')
              AND a.attrelid IN (SELECT 'audit.logs'::regclass UNION ALL
                                 SELECT inhrelid FROM pg_catalog.pg_inherits WHERE inhparent = 'audit.logs'::regclass)),
          ARRAY['l'], 'audit.logs.old_record, audit.logs.new_record: lz4, on every partition');
SELECT is((SELECT a.attcompression::text FROM pg_catalog.pg_attribute AS a
            WHERE a.attrelid = 'audit.logs'::regclass AND a.attname = 'record_pk'), '',
          'audit.logs.record_pk: default compression (small)');

-- privileges
SELECT table_privs_are('audit', 'logs', 'chain_auditor', ARRAY['SELECT'], 'audit.logs: chain_auditor may read');
SELECT table_privs_are('audit', 'logs', r, ARRAY[]::text[], 'audit.logs: ' || r || ' has nothing')
  FROM pg_catalog.unnest(ARRAY['public', 'chain_app', 'chain_user', 'chain_readonly']) AS r;

-- the shape constraint: INSERT inline, the other operations through audit.logs_shape_ok()
-- (PostgreSQL 15 re-plans a CHECK from its stored text at every INSERT statement, one per audited
-- row: the function keeps that text small)
SELECT has_function('audit', 'logs_shape_ok', ARRAY['audit.operation', 'jsonb', 'jsonb', 'jsonb'], 'audit.logs_shape_ok(): exists');
SELECT volatility_is('audit', 'logs_shape_ok', ARRAY['audit.operation', 'jsonb', 'jsonb', 'jsonb'], 'immutable', 'audit.logs_shape_ok(): immutable');
SELECT is((SELECT proconfig FROM pg_catalog.pg_proc WHERE oid = 'audit.logs_shape_ok(audit.operation, jsonb, jsonb, jsonb)'::regprocedure),
          ARRAY['search_path=pg_catalog, pg_temp'], 'audit.logs_shape_ok(): search_path pinned');
SELECT function_privs_are('audit', 'logs_shape_ok', ARRAY['audit.operation', 'jsonb', 'jsonb', 'jsonb'], 'public', ARRAY[]::text[],
                          'audit.logs_shape_ok(): PUBLIC cannot execute');
SELECT results_eq(
    $$SELECT audit.logs_shape_ok(o::audit.operation, pk, od, nw)
        FROM (VALUES (1, 'INSERT', '{"id": 1}'::jsonb, NULL::jsonb, '{}'::jsonb), (2, 'INSERT', '{"id": 1}', '{}', '{}'),
                     (3, 'INSERT', NULL, NULL, '{}'), (4, 'DELETE', '{"id": 1}', '{}', NULL), (5, 'DELETE', '{"id": 1}', NULL, NULL),
                     (6, 'UPDATE', '{"id": 1}', '{}', NULL), (7, 'UPDATE', '{"id": 1}', NULL, '{}'), (8, 'UPDATE', '{"id": 1}', NULL, NULL),
                     (9, 'TRUNCATE', NULL, NULL, NULL), (10, 'TRUNCATE', '{"id": 1}', NULL, NULL), (11, 'TRUNCATE', NULL, '{}', NULL)) AS v (n, o, pk, od, nw)
       ORDER BY n$$,
    $$VALUES (true), (false), (false), (true), (false), (true), (true), (false), (true), (false), (false)$$,
    'audit.logs_shape_ok(): accepts exactly the shapes of each operation');
SELECT is((SELECT pg_catalog.regexp_replace(pg_catalog.pg_get_constraintdef(oid), '\s+', ' ', 'g') FROM pg_catalog.pg_constraint
            WHERE conrelid = 'audit.logs'::regclass AND conname = 'logs_operation_shape'),
          'CHECK ( CASE WHEN (operation = ''INSERT''::audit.operation) THEN ((old_record IS NULL) AND (new_record IS NOT NULL) AND (record_pk IS NOT NULL)) '
          || 'ELSE audit.logs_shape_ok(operation, record_pk, old_record, new_record) END)',
          'audit.logs.logs_operation_shape: INSERT tested inline, the other operations by audit.logs_shape_ok()');
SELECT throws_ok($$INSERT INTO audit.logs (table_schema, table_name, operation, record_pk, old_record)
                   VALUES ('s', 't', 'INSERT', '{"id": 1}', '{"id": 1}')$$, '23514', NULL,
                 'audit.logs.logs_operation_shape: an INSERT has no old record');
SELECT throws_ok($$INSERT INTO audit.logs (table_schema, table_name, operation, new_record)
                   VALUES ('s', 't', 'INSERT', '{"id": 1}')$$, '23514', NULL,
                 'audit.logs.logs_operation_shape: an INSERT needs a key');
SELECT lives_ok($$INSERT INTO audit.logs (table_schema, table_name, operation) VALUES ('s', 't', 'TRUNCATE')$$,
                'audit.logs.logs_operation_shape: a TRUNCATE carries no row');
SELECT throws_ok($$INSERT INTO audit.logs (table_schema, table_name, operation, record_pk, old_record)
                   VALUES ('s', 't', 'TRUNCATE', '{"id": 1}', '{"id": 1}')$$, '23514', NULL,
                 'audit.logs.logs_operation_shape: a TRUNCATE carries no old record');
SELECT throws_ok($$INSERT INTO audit.logs (table_schema, table_name, operation, record_pk)
                   VALUES ('s', 't', 'UPDATE', '{"id": 1}')$$, '23514', NULL,
                 'audit.logs.logs_operation_shape: an UPDATE carries old or new');

SELECT * FROM finish();
ROLLBACK;
