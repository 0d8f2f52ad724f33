-- pgTAP: audit/logs — audit.logs (partitioned by month) and the enum audit.operation.
BEGIN;
SELECT plan(66);

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

-- no CHECK on the row shape: PostgreSQL 15 plans a table's CHECK at every INSERT statement, one
-- per audited row; only the audit triggers write here (chain_owner; nobody else may INSERT), and
-- test/pgtap/audit/capture.sql checks the shape of what they write per operation
SELECT is_empty($$SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = 'audit.logs'::regclass AND contype = 'c'$$,
                'audit.logs: no CHECK constraint (the triggers write the shape; nobody else may INSERT)');
SELECT ok(NOT pg_catalog.has_table_privilege(r, 'audit.logs', 'INSERT'), 'audit.logs: ' || r || ' cannot INSERT')
  FROM pg_catalog.unnest(ARRAY['chain_app', 'chain_user', 'chain_readonly', 'chain_auditor']) AS r;

SELECT * FROM finish();
ROLLBACK;
