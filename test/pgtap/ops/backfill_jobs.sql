-- pgTAP: ops/backfill_jobs — ops.backfill_jobs (seed 003) and its state machine ops.backfill_job_transition().
BEGIN;
SELECT plan(71);

SELECT tests.table_conventions('ops.backfill_jobs');
SELECT tests.function_conventions('ops.backfill_job_transition()');

SELECT has_table('ops', 'backfill_jobs', 'ops.backfill_jobs: exists');
SELECT table_owner_is('ops', 'backfill_jobs', 'chain_owner', 'ops.backfill_jobs: owned by chain_owner');
SELECT columns_are('ops', 'backfill_jobs',
                   ARRAY['id', 'job_type', 'start_block', 'end_block', 'current_block', 'status', 'progress_percentage',
                         'estimated_completion', 'error_message', 'started_at', 'completed_at', 'created_by'],
                   'ops.backfill_jobs: exactly the seed''s columns');
SELECT is(ARRAY(SELECT a.attname || ' ' || pg_catalog.format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END
                  FROM pg_catalog.pg_attribute AS a WHERE a.attrelid = 'ops.backfill_jobs'::regclass AND a.attnum > 0 ORDER BY a.attnum),
          ARRAY['id uuid not null', 'job_type character varying(50) not null', 'start_block integer not null',
                'end_block integer not null', 'current_block integer not null', 'status character varying(20) not null',
                'progress_percentage double precision', 'estimated_completion timestamp with time zone', 'error_message text',
                'started_at timestamp with time zone not null', 'completed_at timestamp with time zone',
                'created_by character varying(100)'],
          'ops.backfill_jobs: the seed''s types and nullability (timestamptz for TIMESTAMP, D-O1)');
SELECT ok(pg_catalog.col_description('ops.backfill_jobs'::regclass, a.attnum) IS NOT NULL,
          'ops.backfill_jobs.' || a.attname || ': ' || pg_catalog.format_type(a.atttypid, a.atttypmod) || ', has a comment')
  FROM pg_catalog.pg_attribute AS a WHERE a.attrelid = 'ops.backfill_jobs'::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum;
SELECT ok(pg_catalog.obj_description('ops.backfill_jobs'::regclass, 'pg_class') IS NOT NULL, 'ops.backfill_jobs: has a comment');
SELECT col_is_pk('ops', 'backfill_jobs', 'id', 'ops.backfill_jobs.backfill_jobs_pkey: id');
SELECT col_default_is('ops', 'backfill_jobs', 'progress_percentage', '0.0', 'ops.backfill_jobs.progress_percentage: default 0.0');
SELECT col_default_is('ops', 'backfill_jobs', 'started_at', 'now()', 'ops.backfill_jobs.started_at: default now()');
SELECT col_default_is('ops', 'backfill_jobs', 'id', 'gen_random_uuid()', 'ops.backfill_jobs.id: default gen_random_uuid()');
SELECT has_index('ops', 'backfill_jobs', 'idx_backfill_status', ARRAY['status'], 'ops.backfill_jobs.idx_backfill_status: (status)');
SELECT has_index('ops', 'backfill_jobs', 'idx_backfill_started', ARRAY['started_at'], 'ops.backfill_jobs.idx_backfill_started: (started_at)');
SELECT has_index('ops', 'backfill_jobs', 'idx_backfill_job_type', ARRAY['job_type'], 'ops.backfill_jobs.idx_backfill_job_type: (job_type)');
SELECT has_index('ops', 'backfill_jobs', 'backfill_jobs_finished_completed_at_idx', ARRAY['completed_at'],
                 'ops.backfill_jobs.backfill_jobs_finished_completed_at_idx: finished jobs by completion');
SELECT ok(pg_catalog.bool_and(pg_catalog.obj_description(x.indexrelid, 'pg_class') IS NOT NULL), 'ops.backfill_jobs: every index has a comment')
  FROM pg_catalog.pg_index AS x WHERE x.indrelid = 'ops.backfill_jobs'::regclass
   AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint AS k WHERE k.conindid = x.indexrelid);
SELECT ok((SELECT relrowsecurity AND relforcerowsecurity FROM pg_catalog.pg_class WHERE oid = 'ops.backfill_jobs'::regclass),
          'ops.backfill_jobs: row-level security enabled and forced');
SELECT policies_are('ops', 'backfill_jobs', ARRAY['backfill_jobs_select_owner', 'backfill_jobs_select_app', 'backfill_jobs_insert_app', 'backfill_jobs_update_app',
                    'backfill_jobs_delete_app', 'backfill_jobs_select_readonly', 'backfill_jobs_select_analytics'],
                    'ops.backfill_jobs: policies (backfill_jobs_select_owner, backfill_jobs_select_app, backfill_jobs_insert_app, backfill_jobs_update_app, backfill_jobs_delete_app, backfill_jobs_select_readonly, backfill_jobs_select_analytics)');
SELECT table_privs_are('ops', 'backfill_jobs', 'chain_app', ARRAY['DELETE', 'INSERT', 'SELECT', 'UPDATE'], 'ops.backfill_jobs: chain_app has DML');
SELECT table_privs_are('ops', 'backfill_jobs', 'chain_user', ARRAY[]::text[], 'ops.backfill_jobs: chain_user has nothing');
SELECT has_trigger('ops', 'backfill_jobs', 'backfill_jobs_transition', 'ops.backfill_jobs.backfill_jobs_transition: exists');
SELECT function_privs_are('ops', 'backfill_job_transition', ARRAY[]::text[], 'public', ARRAY[]::text[],
                          'ops.backfill_job_transition(): PUBLIC cannot execute');
SELECT results_eq($$SELECT time_column::text COLLATE "default", keep_hot, action, row_filter FROM ops.retention_policies
                     WHERE table_name = 'ops.backfill_jobs'::regclass$$,
                  $$VALUES ('completed_at', interval '180 days', 'archive', $f$status IN ('completed', 'failed')$f$)$$,
                  'ops.backfill_jobs: retention rule, finished jobs archived 180 days after completion (D-O5)');

-- behaviour, as the backend
SELECT tests.act_as_role('chain_app');
INSERT INTO ops.backfill_jobs (id, job_type, start_block, end_block, current_block, status, started_at)
VALUES ('00000000-0000-4000-8000-000000000001', 'blocks', 100, 200, 100, 'running', now() - interval '1 hour');
SELECT is((SELECT progress_percentage FROM ops.backfill_jobs WHERE id = '00000000-0000-4000-8000-000000000001'), 0.0::float8,
          'ops.backfill_jobs.progress_percentage: starts at 0');
SELECT throws_ok($$INSERT INTO ops.backfill_jobs (job_type, start_block, end_block, current_block, status) VALUES ('blocks', 1, 2, 1, 'done')$$,
                 '23514', NULL, 'ops.backfill_jobs.backfill_jobs_status_check: rejects an unknown status');
SELECT throws_ok($$INSERT INTO ops.backfill_jobs (job_type, start_block, end_block, current_block, status) VALUES ('blocks', 1, 2, 1, 'completed')$$,
                 '55000', NULL, 'ops.backfill_job_transition(): a job cannot start completed');
SELECT throws_ok($$INSERT INTO ops.backfill_jobs (job_type, start_block, end_block, current_block, status) VALUES (' ', 1, 2, 1, 'running')$$,
                 '23514', NULL, 'ops.backfill_jobs.backfill_jobs_job_type_check: rejects a blank type');
SELECT throws_ok($$INSERT INTO ops.backfill_jobs (job_type, start_block, end_block, current_block, status) VALUES ('blocks', -1, 2, 1, 'running')$$,
                 '23514', NULL, 'ops.backfill_jobs.backfill_jobs_start_block_check: rejects a negative block');
SELECT throws_ok($$INSERT INTO ops.backfill_jobs (job_type, start_block, end_block, current_block, status) VALUES ('blocks', 5, 2, 5, 'running')$$,
                 '23514', NULL, 'ops.backfill_jobs.backfill_jobs_block_range_check: rejects an inverted range');
SELECT throws_ok($$INSERT INTO ops.backfill_jobs (job_type, start_block, end_block, current_block, status) VALUES ('blocks', 1, 5, 9, 'running')$$,
                 '23514', NULL, 'ops.backfill_jobs.backfill_jobs_current_block_check: rejects progress outside the range');
SELECT throws_ok($$INSERT INTO ops.backfill_jobs (job_type, start_block, end_block, current_block, status, progress_percentage) VALUES ('blocks', 1, 5, 1, 'running', 101)$$,
                 '23514', NULL, 'ops.backfill_jobs.backfill_jobs_progress_check: rejects more than 100 percent');
SELECT throws_ok($$INSERT INTO ops.backfill_jobs (job_type, start_block, end_block, current_block, status, completed_at) VALUES ('blocks', 1, 5, 1, 'running', now())$$,
                 '23514', NULL, 'ops.backfill_jobs.backfill_jobs_completed_at_check: a running job has no completion time');
SELECT throws_ok($$UPDATE ops.backfill_jobs SET status = 'failed', completed_at = started_at - interval '1 day' WHERE id = '00000000-0000-4000-8000-000000000001'$$,
                 '23514', NULL, 'ops.backfill_jobs.backfill_jobs_completed_after_start: rejects finishing before the start');
SELECT lives_ok($$UPDATE ops.backfill_jobs SET current_block = 150, progress_percentage = 50 WHERE id = '00000000-0000-4000-8000-000000000001'$$,
                'ops.backfill_job_transition(): progress updates keep the status');
SELECT lives_ok($$UPDATE ops.backfill_jobs SET status = 'paused' WHERE id = '00000000-0000-4000-8000-000000000001'$$,
                'ops.backfill_job_transition(): running -> paused');
SELECT throws_ok($$UPDATE ops.backfill_jobs SET status = 'completed' WHERE id = '00000000-0000-4000-8000-000000000001'$$,
                 '55000', NULL, 'ops.backfill_job_transition(): rejects paused -> completed');
SELECT lives_ok($$UPDATE ops.backfill_jobs SET status = 'running' WHERE id = '00000000-0000-4000-8000-000000000001'$$,
                'ops.backfill_job_transition(): paused -> running');
SELECT lives_ok($$UPDATE ops.backfill_jobs SET status = 'failed', error_message = 'node down' WHERE id = '00000000-0000-4000-8000-000000000001'$$,
                'ops.backfill_job_transition(): running -> failed');
SELECT ok((SELECT completed_at IS NOT NULL FROM ops.backfill_jobs WHERE id = '00000000-0000-4000-8000-000000000001'),
          'ops.backfill_job_transition(): failing stamps completed_at');
SELECT lives_ok($$UPDATE ops.backfill_jobs SET status = 'running' WHERE id = '00000000-0000-4000-8000-000000000001'$$,
                'ops.backfill_job_transition(): failed -> running (retry)');
SELECT is((SELECT (completed_at, error_message)::text FROM ops.backfill_jobs WHERE id = '00000000-0000-4000-8000-000000000001'), '(,)',
          'ops.backfill_job_transition(): a retry clears completed_at and error_message');
SELECT lives_ok($$UPDATE ops.backfill_jobs SET status = 'completed' WHERE id = '00000000-0000-4000-8000-000000000001'$$,
                'ops.backfill_job_transition(): running -> completed');
SELECT is((SELECT (progress_percentage, current_block, completed_at IS NOT NULL)::text FROM ops.backfill_jobs
            WHERE id = '00000000-0000-4000-8000-000000000001'), '(100,200,t)',
          'ops.backfill_job_transition(): completing sets 100 percent, the end block and completed_at');
SELECT throws_ok($$UPDATE ops.backfill_jobs SET status = 'running' WHERE id = '00000000-0000-4000-8000-000000000001'$$,
                 '55000', NULL, 'ops.backfill_job_transition(): completed is final');
SELECT throws_ok($$UPDATE ops.backfill_jobs SET error_message = 'late' WHERE id = '00000000-0000-4000-8000-000000000001'$$,
                 '55000', NULL, 'ops.backfill_job_transition(): a completed job does not change');
INSERT INTO ops.backfill_jobs (id, job_type, start_block, end_block, current_block, status)
VALUES ('00000000-0000-4000-8000-000000000002', 'transactions', 1, 10, 1, 'paused');
SELECT throws_ok($$UPDATE ops.backfill_jobs SET end_block = 20 WHERE id = '00000000-0000-4000-8000-000000000002'$$,
                 '55000', NULL, 'ops.backfill_job_transition(): the block range never changes');
SELECT tests.act_as_role('chain_readonly');
SELECT is((SELECT pg_catalog.count(*)::int FROM ops.backfill_jobs), 2, 'ops.backfill_jobs: chain_readonly reads every job');
SELECT throws_ok($$DELETE FROM ops.backfill_jobs$$, '42501', NULL, 'ops.backfill_jobs: chain_readonly cannot delete');
SELECT tests.reset_role();

SELECT * FROM finish();
ROLLBACK;
