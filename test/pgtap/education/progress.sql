-- pgTAP: education/progress — education.progress, the status enum, the unlock trigger
-- (education.check_module_unlock), privileges and own-row RLS.
BEGIN;
SELECT plan(86);

-- structure
SELECT has_table('education', 'progress', 'education.progress: exists');
SELECT tests.table_conventions('education.progress');  -- 9: owner, comments, RLS forced, indexed FKs/policy columns, PUBLIC, backend access
SELECT columns_are('education', 'progress', ARRAY['id', 'user_id', 'module_id', 'status', 'quiz_score', 'attempts', 'started_at',
                   'completed_at', 'created_at', 'updated_at'], 'education.progress: exactly these columns');
SELECT ok(pg_catalog.col_description('education.progress'::regclass, a.attnum) IS NOT NULL
          AND (a.attnotnull OR a.attname IN ('quiz_score', 'started_at', 'completed_at')),
          'education.progress.' || a.attname || ': has a comment; NOT NULL unless optional')
  FROM pg_catalog.pg_attribute AS a WHERE a.attrelid = 'education.progress'::regclass AND a.attnum > 0 ORDER BY a.attnum;
SELECT col_type_is('education', 'progress', 'status', 'education.progress_status', 'education.progress.status: education.progress_status');
SELECT col_type_is('education', 'progress', 'quiz_score', 'smallint', 'education.progress.quiz_score: smallint');
SELECT enum_has_labels('education', 'progress_status', ARRAY['locked', 'available', 'in_progress', 'completed'],
                       'education.progress_status: locked, available, in_progress, completed');
SELECT set_eq(pg_catalog.format('SELECT conname::text FROM pg_catalog.pg_constraint WHERE conrelid = %L::regclass', 'education.progress'),
              v, 'education.progress: exactly the constraints ' || pg_catalog.array_to_string(v, ', '))
  FROM (VALUES (ARRAY['progress_pkey', 'progress_user_id_fkey', 'progress_module_id_fkey', 'progress_quiz_score_check',
                      'progress_attempts_check', 'progress_user_module_key', 'progress_started', 'progress_completed',
                      'progress_completed_after_start'])) AS x (v);
SELECT fk_ok('education', 'progress', 'user_id', 'core', 'users', 'id', 'education.progress.progress_user_id_fkey: references core.users');
SELECT fk_ok('education', 'progress', 'module_id', 'education', 'modules', 'id', 'education.progress.progress_module_id_fkey: references education.modules');
SELECT indexes_are('education', 'progress', ARRAY['progress_pkey', 'progress_user_module_key', 'progress_module_id_status_idx'],
                   'education.progress: exactly these indexes');
SELECT has_index('education', 'progress', 'progress_user_module_key', ARRAY['user_id', 'module_id'],
                 'education.progress.progress_user_module_key: on (user_id, module_id), serves the policies');
SELECT has_index('education', 'progress', 'progress_module_id_status_idx', ARRAY['module_id', 'status'],
                 'education.progress.progress_module_id_status_idx: on (module_id, status)');
SELECT triggers_are('education', 'progress', ARRAY['progress_check_unlock', 'progress_set_updated_at', 'progress_state_machine'], 'education.progress: exactly these triggers');
SELECT trigger_is('education', 'progress', 'progress_check_unlock', 'education', 'check_module_unlock',
                  'education.progress.progress_check_unlock: calls education.check_module_unlock()');
SELECT trigger_is('education', 'progress', 'progress_set_updated_at', 'core', 'set_updated_at',
                  'education.progress.progress_set_updated_at: calls core.set_updated_at()');
SELECT function_privs_are('education', 'check_module_unlock', ARRAY[]::name[], 'public', ARRAY[]::text[],
                          'education.check_module_unlock(): PUBLIC cannot execute');
SELECT isnt_definer('education', 'check_module_unlock', ARRAY[]::name[], 'education.check_module_unlock(): SECURITY INVOKER (runs under the caller''s RLS)');

-- privileges and RLS
SELECT table_privs_are('education', 'progress', 'chain_app', ARRAY['DELETE', 'INSERT', 'SELECT', 'UPDATE'], 'education.progress: chain_app has DML');
SELECT table_privs_are('education', 'progress', 'chain_user', ARRAY['SELECT'], 'education.progress: chain_user has table SELECT only');
SELECT column_privs_are('education', 'progress', 'status', 'chain_user', ARRAY['INSERT', 'SELECT', 'UPDATE'],
                        'education.progress.status: chain_user may set it');
SELECT column_privs_are('education', 'progress', 'quiz_score', 'chain_user', ARRAY['SELECT'],
                        'education.progress.quiz_score: chain_user cannot grade itself');
SELECT table_privs_are('education', 'progress', 'chain_readonly', ARRAY['SELECT'], 'education.progress: chain_readonly reads');
SELECT policies_are('education', 'progress', ARRAY['progress_select_own', 'progress_insert_own', 'progress_update_own',
                    'progress_select_app', 'progress_insert_app', 'progress_update_app', 'progress_delete_app',
                    'progress_select_readonly', 'progress_select_owner'], 'education.progress: exactly these policies');
SELECT policy_roles_are('education', 'progress', p, ARRAY[r], 'education.progress.' || p || ': TO ' || r)
  FROM (VALUES ('progress_select_own', 'chain_user'), ('progress_insert_own', 'chain_user'), ('progress_update_own', 'chain_user'),
               ('progress_select_app', 'chain_app'), ('progress_insert_app', 'chain_app'), ('progress_update_app', 'chain_app'),
               ('progress_delete_app', 'chain_app'), ('progress_select_readonly', 'chain_readonly')) AS v (p, r);

-- fixture: users 4111, 4112; modules basics (pass 70) → ranges (pass 80) → advanced; a draft requirement
INSERT INTO core.users (id, wallet_address) OVERRIDING SYSTEM VALUE VALUES
    (4111, '0x0000000000000000000000000000000000004111'), (4112, '0x0000000000000000000000000000000000004112');
INSERT INTO education.modules (id, slug, title, position, is_published, min_quiz_score) OVERRIDING SYSTEM VALUE VALUES
    (4111, 't-prog-basics', 'Basics', 4111, true, 70),
    (4112, 't-prog-ranges', 'Ranges', 4112, true, 80),
    (4113, 't-prog-advanced', 'Advanced', 4113, true, 70),
    (4114, 't-prog-draft', 'Draft', 4114, false, 70),
    (4115, 't-prog-gated', 'Gated by a draft', 4115, true, 70);
INSERT INTO education.module_prerequisites (module_id, prerequisite_id) VALUES (4112, 4111), (4113, 4112), (4115, 4114);

-- behaviour: constraints
SELECT throws_ok($$INSERT INTO education.progress (user_id, module_id, status, quiz_score) VALUES (4111, 4111, 'available', 101)$$,
                 '23514', NULL, 'education.progress.quiz_score: rejects a score above 100');
SELECT throws_ok($$INSERT INTO education.progress (user_id, module_id, status, quiz_score) VALUES (4111, 4111, 'available', -1)$$,
                 '23514', NULL, 'education.progress.quiz_score: rejects a negative score');
SELECT throws_ok($$INSERT INTO education.progress (user_id, module_id, attempts) VALUES (4111, 4111, -1)$$,
                 '23514', NULL, 'education.progress.attempts: rejects a negative count');
SELECT throws_ok($$INSERT INTO education.progress (user_id, module_id, status) VALUES (4111, 4111, 'done')$$,
                 '22P02', NULL, 'education.progress.status: rejects an unknown status');
SELECT throws_ok($$INSERT INTO education.progress (user_id, module_id, status, started_at, completed_at, quiz_score)
                   VALUES (4111, 4111, 'completed', now(), now() - interval '1 day', 90)$$,
                 '23514', NULL, 'education.progress.progress_completed_after_start: completion not before the start');
SELECT throws_ok($$INSERT INTO education.progress (user_id, module_id, status) VALUES (4111, 4111, 'completed')$$,
                 '23514', NULL, 'education.progress.progress_completed: a completed module has a quiz score');
INSERT INTO education.progress (user_id, module_id) VALUES (4112, 4111);
SELECT throws_ok($$INSERT INTO education.progress (user_id, module_id) VALUES (4112, 4111)$$,
                 '23505', NULL, 'education.progress.progress_user_module_key: one row per user and module');
-- the trigger fills and clears the timestamps; the CHECKs behind it are tested without it
SELECT lives_ok($$INSERT INTO education.progress (user_id, module_id, status, started_at, completed_at)
                  VALUES (4111, 4113, 'locked', now(), now())$$, 'education.progress.completed_at: cleared by the trigger when not completed');
SELECT is((SELECT completed_at FROM education.progress WHERE user_id = 4111 AND module_id = 4113), NULL,
          'education.progress.completed_at: NULL while not completed');
DELETE FROM education.progress WHERE user_id = 4111 AND module_id = 4113;
ALTER TABLE education.progress DISABLE TRIGGER progress_check_unlock;
SELECT throws_ok($$INSERT INTO education.progress (user_id, module_id, status, completed_at, quiz_score)
                   VALUES (4111, 4111, 'available', now(), 90)$$,
                 '23514', NULL, 'education.progress.progress_completed: completed_at only when completed');
SELECT throws_ok($$INSERT INTO education.progress (user_id, module_id, status) VALUES (4111, 4111, 'in_progress')$$,
                 '23514', NULL, 'education.progress.progress_started: a started module has started_at');
ALTER TABLE education.progress ENABLE TRIGGER progress_check_unlock;

-- behaviour: unlock requirements
SELECT throws_ok($$INSERT INTO education.progress (user_id, module_id, status) VALUES (4111, 4112, 'in_progress')$$,
                 '55000', NULL, 'education.check_module_unlock: a module cannot be started before its prerequisite');
SELECT throws_ok($$INSERT INTO education.progress (user_id, module_id, status, quiz_score) VALUES (4111, 4112, 'completed', 100)$$,
                 '55000', NULL, 'education.check_module_unlock: a module cannot be completed before its prerequisite');
SELECT lives_ok($$INSERT INTO education.progress (user_id, module_id, status) VALUES (4111, 4111, 'in_progress')$$,
                'education.progress.progress_check_unlock: a module without prerequisites can be started');
SELECT isnt((SELECT started_at FROM education.progress WHERE user_id = 4111 AND module_id = 4111), NULL,
            'education.progress.started_at: filled on start');
SELECT throws_ok($$UPDATE education.progress SET status = 'completed', quiz_score = 60 WHERE user_id = 4111 AND module_id = 4111$$,
                 '23514', 'education.progress: module t-prog-basics cannot be completed with score 60 (pass mark 70)',
                 'education.check_module_unlock: completion below the pass mark is rejected with a clear error');
UPDATE education.progress SET quiz_score = 60, attempts = 1 WHERE user_id = 4111 AND module_id = 4111;
INSERT INTO education.progress (user_id, module_id, status) VALUES (4111, 4112, 'locked');
SELECT throws_ok($$UPDATE education.progress SET status = 'available' WHERE user_id = 4111 AND module_id = 4112$$,
                 '55000', 'education.progress: module t-prog-ranges is locked for user 4111: prerequisites not met: t-prog-basics (pass mark 70, in_progress)',
                 'education.check_module_unlock: unlocking a module names the unmet prerequisite');
SELECT throws_ok($$INSERT INTO education.progress (user_id, module_id, status) VALUES (4112, 4113, 'available')$$,
                 '55000', NULL, 'education.check_module_unlock: a module with unmet prerequisites cannot be inserted as available');
UPDATE education.progress SET status = 'completed', quiz_score = 85, attempts = 2 WHERE user_id = 4111 AND module_id = 4111;
SELECT isnt((SELECT completed_at FROM education.progress WHERE user_id = 4111 AND module_id = 4111), NULL,
            'education.progress.completed_at: filled on completion');
SELECT lives_ok($$UPDATE education.progress SET status = 'available' WHERE user_id = 4111 AND module_id = 4112$$,
                'education.check_module_unlock: the module unlocks once its prerequisite is passed');
SELECT throws_ok($$INSERT INTO education.progress (user_id, module_id, status) VALUES (4112, 4113, 'in_progress')$$,
                 '55000', NULL, 'education.check_module_unlock: another user''s completions do not unlock a module');
SELECT throws_ok($$INSERT INTO education.progress (user_id, module_id, status) VALUES (4111, 4113, 'in_progress')$$,
                 '55000', NULL, 'education.check_module_unlock: the whole chain counts (ranges not completed yet)');
-- a raised pass mark re-locks dependants that were not started yet
UPDATE education.modules SET min_quiz_score = 90 WHERE id = 4111;
SELECT throws_ok($$UPDATE education.progress SET status = 'in_progress' WHERE user_id = 4111 AND module_id = 4112$$,
                 '55000', NULL, 'education.check_module_unlock: a prerequisite completed below a raised pass mark no longer unlocks');
UPDATE education.modules SET min_quiz_score = 70 WHERE id = 4111;
SELECT lives_ok($$UPDATE education.progress SET status = 'in_progress' WHERE user_id = 4111 AND module_id = 4112;
                  UPDATE education.progress SET status = 'completed', quiz_score = 95 WHERE user_id = 4111 AND module_id = 4112$$,
                'education.check_module_unlock: a module is completed once its prerequisites are met and its pass mark reached');

-- behaviour: RLS as the learner
SELECT tests.act_as(4112);
SELECT throws_ok($$INSERT INTO education.progress (user_id, module_id, status) VALUES (4112, 4115, 'in_progress')$$,
                 '55000', NULL, 'education.check_module_unlock: fails closed when a prerequisite is a draft the learner cannot see');
SELECT throws_ok($$INSERT INTO education.progress (user_id, module_id, status) VALUES (4112, 4114, 'in_progress')$$,
                 '55000', NULL, 'education.check_module_unlock: a learner cannot start a draft module');
SELECT is((SELECT pg_catalog.count(*)::int FROM education.progress WHERE user_id = 4111), 0,
          'education.progress.progress_select_own: a learner cannot see another learner''s progress');
SELECT lives_ok($$UPDATE education.progress SET status = 'in_progress' WHERE user_id = 4112 AND module_id = 4111$$,
                'education.progress.progress_update_own: a learner starts its own module');
SELECT is((SELECT status::text FROM education.progress WHERE user_id = 4112 AND module_id = 4111), 'in_progress',
          'education.progress.progress_select_own: the learner sees its own progress');
SELECT throws_ok($$UPDATE education.progress SET quiz_score = 100 WHERE user_id = 4112$$, '42501', NULL,
                 'education.progress.quiz_score: a learner cannot grade itself');
SELECT throws_ok($$INSERT INTO education.progress (user_id, module_id) VALUES (4111, 4111)$$, '42501', NULL,
                 'education.progress.progress_insert_own: a learner cannot create progress for another user');
SELECT tests.act_as_role('chain_readonly');
SELECT is((SELECT pg_catalog.count(*)::int FROM education.progress WHERE user_id IN (4111, 4112)), 3,
          'education.progress.progress_select_readonly: chain_readonly sees every row');
SELECT tests.act_as_role('chain_app');
SELECT lives_ok($$UPDATE education.progress SET quiz_score = 75, attempts = attempts + 1 WHERE user_id = 4112 AND module_id = 4111$$,
                'education.progress.progress_update_app: the backend grades a quiz');
SELECT lives_ok($$INSERT INTO education.progress (user_id, module_id, status) VALUES (4112, 4112, 'locked')$$,
                'education.progress.progress_insert_app: the backend records progress');
SELECT is((SELECT pg_catalog.count(*)::int FROM education.progress WHERE user_id IN (4111, 4112)), 4,
          'education.progress.progress_select_app: the backend sees every row');
SELECT lives_ok($$DELETE FROM education.progress WHERE user_id = 4112 AND module_id = 4112$$,
                'education.progress.progress_delete_app: the backend resets progress');
SELECT tests.reset_role();
UPDATE education.progress SET updated_at = '2000-01-01' WHERE user_id = 4112 AND module_id = 4111;
UPDATE education.progress SET attempts = 5 WHERE user_id = 4112 AND module_id = 4111;
SELECT is((SELECT updated_at FROM education.progress WHERE user_id = 4112 AND module_id = 4111), pg_catalog.now(),
          'education.progress.progress_set_updated_at: fires on update');

SELECT * FROM finish();
ROLLBACK;
