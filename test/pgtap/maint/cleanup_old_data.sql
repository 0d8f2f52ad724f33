-- pgTAP: maint/cleanup_old_data — the procedure maint.cleanup_old_data() and the helpers it commits
-- between: maint.retention_partitions(), maint.retire_partition(), maint.retention_batch(),
-- maint.expire_archive(). The procedure itself commits, so it cannot run inside a pgTAP transaction:
-- test/python/test_retention.py calls it (runs, dry runs, lock skips, the crash test).
BEGIN;
SELECT plan(87);

SELECT tests.function_conventions('maint.cleanup_old_data(boolean, jsonb)');
SELECT tests.function_conventions('maint.retention_partitions(bigint, timestamptz)');
SELECT tests.function_conventions('maint.retire_partition(bigint, regclass, timestamptz, timestamptz)');
SELECT tests.function_conventions('maint.retention_batch(bigint, regclass, timestamptz, boolean)');
SELECT tests.function_conventions('maint.expire_archive(bigint, timestamptz, boolean)');
SELECT tests.function_conventions('maint.cleanup_step(bigint, timestamptz, boolean, jsonb)');
SELECT tests.function_conventions('maint.cleanup_finish(bigint, timestamptz, boolean, jsonb)');
SELECT tests.function_conventions('maint.cleanup_rules()');
SELECT tests.function_conventions('maint.cleanup_done(jsonb)');
SELECT tests.function_conventions('maint.cleanup_lock(boolean)');
SELECT is((SELECT prokind::text FROM pg_catalog.pg_proc WHERE oid = 'maint.cleanup_old_data(boolean, jsonb)'::regprocedure), 'p',
          'maint.cleanup_old_data(): a procedure (it commits per partition and per batch)');
SELECT is((SELECT proconfig FROM pg_catalog.pg_proc WHERE oid = 'maint.retire_partition(bigint, regclass, timestamptz, timestamptz)'::regprocedure),
          ARRAY['search_path=pg_catalog, pg_temp', 'lock_timeout=5s'], 'maint.retire_partition(): lock_timeout 5s, never waits on traffic longer');
SELECT is((SELECT proconfig FROM pg_catalog.pg_proc WHERE oid = 'maint.retention_batch(bigint, regclass, timestamptz, boolean)'::regprocedure),
          ARRAY['search_path=pg_catalog, pg_temp', 'lock_timeout=5s'],
          'maint.retention_batch(): search_path pinned, lock_timeout 5s');

-- scratch tables, as the deploy scripts would make them: a partitioned metric table and a plain one
SET LOCAL ROLE chain_owner;
CREATE TABLE ops.tmp_metrics (id int, at timestamptz NOT NULL, v int, PRIMARY KEY (id, at)) PARTITION BY RANGE (at);
CREATE TABLE ops.tmp_metrics_p2020_01 PARTITION OF ops.tmp_metrics FOR VALUES FROM ('2020-01-01 00:00:00+00') TO ('2020-02-01 00:00:00+00');
CREATE TABLE ops.tmp_metrics_p2020_02 PARTITION OF ops.tmp_metrics FOR VALUES FROM ('2020-02-01 00:00:00+00') TO ('2020-03-01 00:00:00+00');
CREATE TABLE ops.tmp_metrics_default PARTITION OF ops.tmp_metrics DEFAULT;
CREATE TABLE ops.tmp_jobs (id int PRIMARY KEY, status text, done_at timestamptz);
INSERT INTO ops.retention_policies (table_name, rule_name, time_column, keep_hot, action, keep_archived, batch_size, note) VALUES
    ('ops.tmp_metrics', 'default', 'at', '30 days', 'archive', '1 year', 2, 'test'),
    ('ops.tmp_jobs', 'done', 'done_at', '30 days', 'archive', NULL, 2, 'test'),
    ('ops.tmp_jobs', 'purge', 'done_at', '10 days', 'delete', NULL, 100, 'test');
RESET ROLE;
UPDATE ops.retention_policies SET row_filter = $$status = 'done'$$ WHERE table_name = 'ops.tmp_jobs'::regclass AND rule_name = 'done';
INSERT INTO ops.tmp_metrics VALUES (1, '2020-01-05', 10), (2, '2020-01-06', 20), (3, '2020-02-05', 30), (4, '2019-06-01', 40),
                                   (5, now(), 50);
INSERT INTO ops.tmp_jobs VALUES (1, 'done', now() - interval '40 days'), (2, 'done', now() - interval '50 days'),
                                (3, 'done', now() - interval '60 days'), (4, 'running', now() - interval '60 days'),
                                (5, 'done', now() - interval '1 day');
CREATE TEMP TABLE r ON COMMIT DROP AS
    SELECT id, rule_name FROM ops.retention_policies WHERE table_name IN ('ops.tmp_metrics'::regclass, 'ops.tmp_jobs'::regclass);

SELECT results_eq($$SELECT partition::text, range_end FROM maint.retention_partitions((SELECT id FROM r WHERE rule_name = 'default'), now())$$,
                  $$VALUES ('ops.tmp_metrics_p2020_01', timestamptz '2020-02-01 00:00:00+00'), ('ops.tmp_metrics_p2020_02', '2020-03-01 00:00:00+00')$$,
                  'maint.retention_partitions(): the partitions wholly past keep_hot, oldest first, never the DEFAULT one');
SELECT is_empty($$SELECT * FROM maint.retention_partitions((SELECT id FROM r WHERE rule_name = 'done'), now())$$,
                'maint.retention_partitions(): none for a table that is not partitioned');

-- dry run of a batch counts every candidate, changes nothing
SELECT is((SELECT moved FROM maint.retention_batch((SELECT id FROM r WHERE rule_name = 'done'), 'ops.tmp_jobs', now() - interval '30 days', true)),
          3::bigint, 'maint.retention_batch(): a dry run counts the old rows matching the filter');
SELECT is((SELECT pg_catalog.count(*)::int FROM ops.tmp_jobs), 5, 'maint.retention_batch(): a dry run changes nothing');
-- a batch archives batch_size rows: deleted from the table and in archive.rows in one statement
SELECT is((SELECT moved FROM maint.retention_batch((SELECT id FROM r WHERE rule_name = 'done'), 'ops.tmp_jobs', now() - interval '30 days', false)),
          2::bigint, 'maint.retention_batch(): one batch moves batch_size rows');
SELECT is((SELECT moved FROM maint.retention_batch((SELECT id FROM r WHERE rule_name = 'done'), 'ops.tmp_jobs', now() - interval '30 days', false)),
          1::bigint, 'maint.retention_batch(): the next batch the rest');
SELECT is((SELECT moved FROM maint.retention_batch((SELECT id FROM r WHERE rule_name = 'done'), 'ops.tmp_jobs', now() - interval '30 days', false)),
          0::bigint, 'maint.retention_batch(): then nothing');
SELECT results_eq($$SELECT id, status FROM ops.tmp_jobs ORDER BY id$$, $$VALUES (4, 'running'), (5, 'done')$$,
                  'maint.retention_batch(): the filter keeps the running job, keep_hot the recent one');
SELECT results_eq($$SELECT record_pk, row_data ->> 'status', source, rule_id FROM archive.rows WHERE source = 'ops.tmp_jobs' ORDER BY record_pk ->> 'id'$$,
                  $$SELECT pg_catalog.jsonb_build_object('id', i), 'done', 'ops.tmp_jobs', (SELECT id FROM r WHERE rule_name = 'done')
                      FROM pg_catalog.generate_series(1, 3) AS i$$,
                  'maint.retention_batch(): archived rows carry their source, primary key, rule and data');
SELECT is((SELECT pg_catalog.count(*)::int FROM archive.rows WHERE source = 'ops.tmp_jobs' AND row_time < now() - interval '30 days'), 3,
          'maint.retention_batch(): row_time is the row''s time column');
-- a delete rule
SELECT is((SELECT moved FROM maint.retention_batch((SELECT id FROM r WHERE rule_name = 'purge'), 'ops.tmp_jobs', now() - interval '10 days', false)),
          1::bigint, 'maint.retention_batch(): a delete rule deletes');
SELECT is((SELECT pg_catalog.count(*)::int FROM archive.rows WHERE source = 'ops.tmp_jobs'), 3, 'maint.retention_batch(): a delete rule archives nothing');
-- an error is returned, not raised
GRANT SELECT ON r TO chain_owner;
SET LOCAL ROLE chain_owner;
ALTER TABLE ops.tmp_jobs ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
SELECT alike((SELECT error FROM maint.retention_batch((SELECT id FROM r WHERE rule_name = 'purge'), 'ops.tmp_jobs', now(), false)),
            '%row-level security%', 'maint.retention_batch(): rows hidden by row-level security fail the batch with the error (never a silent skip)');
RESET ROLE;

-- whole partitions: archive rule moves them to schema archive
SELECT is(maint.retire_partition((SELECT id FROM r WHERE rule_name = 'default'), 'ops.tmp_metrics_p2020_01', '2020-01-01', '2020-02-01'),
          'archived', 'maint.retire_partition(): an archive rule moves the partition to schema archive');
SELECT hasnt_table('ops', 'tmp_metrics_p2020_01', 'maint.retire_partition(): detached from the parent');
SELECT is((SELECT pg_catalog.count(*)::int FROM archive.tmp_metrics_p2020_01), 2, 'maint.retire_partition(): the rows moved with it');
SELECT results_eq($$SELECT partition::text, source, range_start, range_end, row_count FROM archive.partitions WHERE source = 'ops.tmp_metrics'$$,
                  $$VALUES ('archive.tmp_metrics_p2020_01', 'ops.tmp_metrics', timestamptz '2020-01-01', timestamptz '2020-02-01', 2::bigint)$$,
                  'maint.retire_partition(): registered in archive.partitions');
SELECT is((SELECT pg_catalog.array_agg(x.grantee::regrole::text || ':' || x.privilege_type ORDER BY x.grantee::regrole::text COLLATE "C")
             FROM pg_catalog.pg_class AS c, pg_catalog.aclexplode(c.relacl) AS x WHERE c.oid = 'archive.tmp_metrics_p2020_01'::regclass
              AND x.grantee <> c.relowner),
          ARRAY['chain_analytics:SELECT', 'chain_auditor:SELECT'],
          'maint.retire_partition(): an archived partition is readable by chain_auditor, and by chain_analytics (which reads all of ops.tmp_metrics), only');
-- archiving never widens access: a source with columns hidden from chain_analytics (like
-- memory.audit_logs' ip_address) keeps them hidden in the archive; no privilege on it, none there
SET LOCAL ROLE chain_owner;
CREATE TABLE ops.tmp_logs (id int, at timestamptz NOT NULL, ip inet, PRIMARY KEY (id, at)) PARTITION BY RANGE (at);
CREATE TABLE ops.tmp_logs_p2020_01 PARTITION OF ops.tmp_logs FOR VALUES FROM ('2020-01-01 00:00:00+00') TO ('2020-02-01 00:00:00+00');
CREATE TABLE ops.tmp_logs_p2020_02 PARTITION OF ops.tmp_logs FOR VALUES FROM ('2020-02-01 00:00:00+00') TO ('2020-03-01 00:00:00+00');
REVOKE SELECT ON ops.tmp_logs FROM chain_analytics;
GRANT SELECT (id, at) ON ops.tmp_logs TO chain_analytics;
GRANT SELECT (ip) ON ops.tmp_logs_p2020_01 TO chain_monitor;    -- a column grant on the partition itself
INSERT INTO ops.retention_policies (table_name, rule_name, time_column, keep_hot, action, note)
VALUES ('ops.tmp_logs', 'default', 'at', '30 days', 'archive', 'test');
RESET ROLE;
INSERT INTO ops.tmp_logs VALUES (1, '2020-01-05', '10.0.0.1'), (2, '2020-02-05', '10.0.0.2');
SELECT is(maint.retire_partition((SELECT id FROM ops.retention_policies WHERE table_name = 'ops.tmp_logs'::regclass),
                                 'ops.tmp_logs_p2020_01', '2020-01-01', '2020-02-01'),
          'archived', 'maint.retire_partition(): archives a partition of a source with a column hidden from chain_analytics');
SELECT is((SELECT pg_catalog.array_agg(a.attname::text || ':' || x.grantee::regrole::text ORDER BY a.attnum, 2)
             FROM pg_catalog.pg_attribute AS a, pg_catalog.aclexplode(a.attacl) AS x
            WHERE a.attrelid = 'archive.tmp_logs_p2020_01'::regclass),
          ARRAY['id:chain_analytics', 'at:chain_analytics'],
          'maint.retire_partition(): chain_analytics gets the columns it reads on the source (id, at), not ip; chain_monitor''s column grant is gone');
SELECT is((SELECT pg_catalog.array_agg(x.grantee::regrole::text || ':' || x.privilege_type)
             FROM pg_catalog.pg_class AS c, pg_catalog.aclexplode(c.relacl) AS x
            WHERE c.oid = 'archive.tmp_logs_p2020_01'::regclass AND x.grantee <> c.relowner),
          ARRAY['chain_auditor:SELECT'], 'maint.retire_partition(): only chain_auditor reads the whole archived partition');
SELECT tests.act_as_role('chain_analytics');
SELECT throws_ok($$SELECT ip FROM archive.tmp_logs_p2020_01$$, '42501', NULL,
                 'maint.retire_partition(): chain_analytics cannot read a column of an archived partition it cannot read on the source');
SELECT results_eq($$SELECT id FROM archive.tmp_logs_p2020_01$$, ARRAY[1],
                  'maint.retire_partition(): chain_analytics reads the columns it reads on the source');
SELECT tests.act_as_role('chain_auditor');
SELECT results_eq($$SELECT ip::text FROM archive.tmp_logs_p2020_01$$, ARRAY['10.0.0.1/32'],
                  'maint.retire_partition(): chain_auditor reads every column of an archived partition');
SELECT tests.reset_role();
REVOKE SELECT (id, at) ON ops.tmp_logs FROM chain_analytics;
SELECT is(maint.retire_partition((SELECT id FROM ops.retention_policies WHERE table_name = 'ops.tmp_logs'::regclass),
                                 'ops.tmp_logs_p2020_02', '2020-02-01', '2020-03-01'),
          'archived', 'maint.retire_partition(): archives a partition of a source chain_analytics cannot read');
SELECT ok(NOT pg_catalog.has_any_column_privilege('chain_analytics', 'archive.tmp_logs_p2020_02', 'SELECT'),
          'maint.retire_partition(): chain_analytics gets nothing of a source it cannot read');
-- delete rule drops; the DEFAULT partition's old row is left to the row phase
UPDATE ops.retention_policies SET action = 'delete', keep_archived = NULL WHERE id = (SELECT id FROM r WHERE rule_name = 'default');
SELECT is(maint.retire_partition((SELECT id FROM r WHERE rule_name = 'default'), 'ops.tmp_metrics_p2020_02', '2020-02-01', '2020-03-01'),
          'dropped', 'maint.retire_partition(): a delete rule drops the partition');
SELECT hasnt_table('ops', 'tmp_metrics_p2020_02', 'maint.retire_partition(): the dropped partition is gone');
SELECT is((SELECT moved FROM maint.retention_batch((SELECT id FROM r WHERE rule_name = 'default'), 'ops.tmp_metrics_default', now() - interval '30 days', false)),
          1::bigint, 'maint.retention_batch(): old rows in the DEFAULT partition are cleaned row by row');
SELECT results_eq($$SELECT id FROM ops.tmp_metrics$$, ARRAY[5], 'maint.cleanup_old_data(): only the recent metric remains');
SELECT alike(maint.retire_partition((SELECT id FROM r WHERE rule_name = 'default'), 'ops.tmp_jobs', '2020-01-01', '2020-02-01'),
            'failed: %', 'maint.retire_partition(): an error is reported as failed: <error>');

-- archive expiry
UPDATE ops.retention_policies SET action = 'archive', keep_archived = '1 year' WHERE id = (SELECT id FROM r WHERE rule_name = 'default');
SELECT results_eq($$SELECT partitions_dropped, rows_deleted, error FROM maint.expire_archive((SELECT id FROM r WHERE rule_name = 'default'), '2020-03-01', true)$$,
                  $$VALUES (1, 0::bigint, NULL::text)$$, 'maint.expire_archive(): a dry run counts the expired partitions');
SELECT has_table('archive', 'tmp_metrics_p2020_01', 'maint.expire_archive(): a dry run drops nothing');
SELECT results_eq($$SELECT partitions_dropped, error FROM maint.expire_archive((SELECT id FROM r WHERE rule_name = 'default'), '2020-03-01', false)$$,
                  $$VALUES (1, NULL::text)$$, 'maint.expire_archive(): drops the archived partitions past keep_archived');
SELECT hasnt_table('archive', 'tmp_metrics_p2020_01', 'maint.expire_archive(): the expired partition is gone');
SELECT is_empty($$SELECT 1 FROM archive.partitions WHERE source = 'ops.tmp_metrics'$$, 'maint.expire_archive(): and its registration');
UPDATE ops.retention_policies SET keep_archived = '1 day' WHERE id = (SELECT id FROM r WHERE rule_name = 'done');
SELECT is((SELECT rows_deleted FROM maint.expire_archive((SELECT id FROM r WHERE rule_name = 'done'), now() - interval '45 days', false)),
          2::bigint, 'maint.expire_archive(): deletes the archived rows older than the cutoff');

-- the step machine the procedure commits between (a dry run here: nothing changes)
INSERT INTO ops.tmp_jobs VALUES (11, 'x', now() - interval '20 days'), (12, 'y', now() - interval '30 days');
CREATE TEMP TABLE st ON COMMIT DROP AS SELECT NULL::jsonb AS s;
UPDATE st SET s = maint.cleanup_step((SELECT id FROM r WHERE rule_name = 'purge'), now(), true, NULL);
SELECT is(st.s ->> 'phase', 'rows', 'maint.cleanup_step(): a plain table has no partition phase') FROM st;
UPDATE st SET s = maint.cleanup_step((SELECT id FROM r WHERE rule_name = 'purge'), now(), true, s);
SELECT is((st.s ->> 'rows')::int, 2, 'maint.cleanup_step(): a dry-run batch counts the rows past the rule') FROM st;
UPDATE st SET s = maint.cleanup_step((SELECT id FROM r WHERE rule_name = 'purge'), now(), true, s);
SELECT ok(maint.cleanup_done(st.s), 'maint.cleanup_done(): a delete rule is done after its rows') FROM st;
SELECT is(maint.cleanup_finish((SELECT id FROM r WHERE rule_name = 'purge'), now(), true, st.s) ->> 'status', 'dry_run',
          'maint.cleanup_finish(): reports the run') FROM st;
SELECT is((SELECT last_status FROM ops.retention_policies WHERE id = (SELECT id FROM r WHERE rule_name = 'purge')), 'dry_run',
          'maint.cleanup_finish(): records last_status in ops.retention_policies');
SELECT ok((SELECT pg_catalog.array_agg(x) FROM maint.cleanup_rules() AS x) @> ARRAY(SELECT id FROM r),
          'maint.cleanup_rules(): the enabled rules');
SELECT ok(maint.cleanup_lock(true) AND maint.cleanup_lock(false), 'maint.cleanup_lock(): takes and releases the cleanup''s lock');

SELECT * FROM finish();
ROLLBACK;
