-- pgTAP: maint/matview_schedule — maint.matview_schedule and its trigger maint.validate_matview_schedule().
BEGIN;
SELECT plan(37);

SELECT tests.function_conventions('maint.validate_matview_schedule()');

SELECT has_table('maint', 'matview_schedule', 'maint.matview_schedule: exists');
SELECT table_owner_is('maint', 'matview_schedule', 'chain_owner', 'maint.matview_schedule: owned by chain_owner');
SELECT ok(pg_catalog.obj_description('maint.matview_schedule'::regclass, 'pg_class') IS NOT NULL,
          'maint.matview_schedule: has a comment');
SELECT columns_are('maint', 'matview_schedule',
                   ARRAY['matview', 'cadence', 'enabled', 'last_refreshed_at', 'last_duration', 'last_status', 'last_mode',
                         'last_error', 'note', 'registered_at'],
                   'maint.matview_schedule: exactly these columns');
SELECT col_type_is('maint', 'matview_schedule', c, t, 'maint.matview_schedule.' || c || ': ' || t)
  FROM (VALUES ('matview', 'regclass'), ('cadence', 'interval'), ('enabled', 'boolean'),
               ('last_refreshed_at', 'timestamp with time zone'), ('last_duration', 'interval'), ('last_status', 'text'),
               ('last_mode', 'text'), ('last_error', 'text'), ('note', 'text'),
               ('registered_at', 'timestamp with time zone')) AS v (c, t);
SELECT ok(pg_catalog.bool_and(pg_catalog.col_description('maint.matview_schedule'::regclass, a.attnum) IS NOT NULL),
          'maint.matview_schedule: every column has a comment')
  FROM pg_catalog.pg_attribute AS a WHERE a.attrelid = 'maint.matview_schedule'::regclass AND a.attnum > 0 AND NOT a.attisdropped;
SELECT col_is_pk('maint', 'matview_schedule', 'matview', 'maint.matview_schedule.matview_schedule_pkey: matview');
SELECT has_trigger('maint', 'matview_schedule', 'matview_schedule_validate', 'maint.matview_schedule.matview_schedule_validate: exists');
SELECT has_function('maint', 'validate_matview_schedule', ARRAY[]::text[], 'maint.validate_matview_schedule(): exists');
SELECT function_privs_are('maint', 'validate_matview_schedule', ARRAY[]::text[], 'public', ARRAY[]::text[],
                          'maint.validate_matview_schedule(): PUBLIC cannot execute');
SELECT table_privs_are('maint', 'matview_schedule', r, ARRAY[]::text[], 'maint.matview_schedule: ' || r || ' has nothing (owner-only)')
  FROM pg_catalog.unnest(ARRAY['chain_app', 'chain_readonly', 'chain_monitor', 'public']) AS r;

SET LOCAL ROLE chain_owner;
CREATE MATERIALIZED VIEW maint.tmp_mv AS SELECT 1 AS id;
CREATE TABLE maint.tmp_table (id int);
SELECT lives_ok($$INSERT INTO maint.matview_schedule (matview, cadence, note) VALUES ('maint.tmp_mv', '30 minutes', 'test')$$,
                'maint.matview_schedule: a matview change registers its view');
SELECT throws_ok($$INSERT INTO maint.matview_schedule (matview, cadence, note) VALUES ('maint.tmp_mv', '1 day', 'test')$$,
                 '23505', NULL, 'maint.matview_schedule.matview_schedule_pkey: one row per view');
SELECT throws_ok($$INSERT INTO maint.matview_schedule (matview, cadence, note) VALUES ('maint.tmp_table', '1 day', 'test')$$,
                 '22023', 'maint.matview_schedule: maint.tmp_table is not a materialized view',
                 'maint.validate_matview_schedule(): rejects a table');
SELECT throws_ok($$UPDATE maint.matview_schedule SET cadence = '30 seconds'$$, '23514', NULL,
                 'maint.matview_schedule.matview_schedule_cadence_check: rejects a cadence under a minute');
SELECT throws_ok($$UPDATE maint.matview_schedule SET last_status = 'great'$$, '23514', NULL,
                 'maint.matview_schedule.matview_schedule_last_status_check: rejects an unknown status');
SELECT throws_ok($$UPDATE maint.matview_schedule SET last_mode = 'fast'$$, '23514', NULL,
                 'maint.matview_schedule.matview_schedule_last_mode_check: rejects an unknown mode');
SELECT throws_ok($$UPDATE maint.matview_schedule SET last_duration = '-1 second'$$, '23514', NULL,
                 'maint.matview_schedule.matview_schedule_last_duration_check: rejects a negative duration');
SELECT throws_ok($$UPDATE maint.matview_schedule SET last_status = 'ok', last_error = 'boom'$$, '23514', NULL,
                 'maint.matview_schedule.matview_schedule_last_error_check: an error only with a failed refresh');
SELECT throws_ok($$UPDATE maint.matview_schedule SET note = ''$$, '23514', NULL,
                 'maint.matview_schedule.matview_schedule_note_check: rejects a registration without a source');
SELECT lives_ok($$UPDATE maint.matview_schedule SET last_status = 'failed', last_error = 'boom', last_mode = 'plain',
                         last_duration = '1 second', last_refreshed_at = now()$$,
                'maint.matview_schedule: a failed refresh is recorded with its error');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
