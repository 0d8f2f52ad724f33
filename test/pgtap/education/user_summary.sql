-- pgTAP: education/user_summary — the view, security_invoker, ready_for_trading.
BEGIN;
SELECT plan(16);

SELECT tests.view_conventions('education.user_summary', ARRAY['chain_app', 'chain_readonly', 'chain_user']);  -- 6: owner, comments, read path, readers, read-only
SELECT columns_are('education', 'user_summary', ARRAY['user_id', 'required_modules', 'required_passed', 'modules_started',
                   'modules_completed', 'average_score', 'total_attempts', 'last_completed_at', 'ready_for_trading'],
                   'education.user_summary: exactly these columns');

-- fixture: two required modules (a → b), one optional; learner 4141 passes both, 4142 fails b
INSERT INTO core.users (id, wallet_address) OVERRIDING SYSTEM VALUE VALUES
    (4141, '0x0000000000000000000000000000000000004141'), (4142, '0x0000000000000000000000000000000000004142'),
    (4143, '0x0000000000000000000000000000000000004143');
-- only this file's modules count: others' modules are unpublished for the duration
UPDATE education.modules SET is_published = false WHERE is_published;
INSERT INTO education.modules (id, slug, title, position, is_published, is_required, min_quiz_score) OVERRIDING SYSTEM VALUE VALUES
    (4141, 't-sum-a', 'A', 4141, true, true, 70), (4142, 't-sum-b', 'B', 4142, true, true, 80),
    (4143, 't-sum-optional', 'Optional', 4143, true, false, 50);
INSERT INTO education.module_prerequisites (module_id, prerequisite_id) VALUES (4142, 4141);
INSERT INTO education.progress (user_id, module_id, status, quiz_score, attempts) VALUES
    (4141, 4141, 'completed', 90, 1), (4142, 4141, 'completed', 75, 2);
INSERT INTO education.progress (user_id, module_id, status, quiz_score, attempts) VALUES
    (4141, 4142, 'completed', 80, 1), (4142, 4142, 'in_progress', 60, 3);

SELECT results_eq($$SELECT required_modules, required_passed, modules_started, modules_completed, total_attempts, ready_for_trading
                      FROM education.user_summary WHERE user_id = 4141$$,
                  $$VALUES (2, 2, 2, 2, 2, true)$$, 'education.user_summary: a learner who passed every required module is ready for trading');
SELECT results_eq($$SELECT required_passed, modules_started, modules_completed, average_score, total_attempts, ready_for_trading
                      FROM education.user_summary WHERE user_id = 4142$$,
                  $$VALUES (1, 2, 1, 67.50::numeric, 5, false)$$, 'education.user_summary: a learner short of a pass mark is not ready');
SELECT results_eq($$SELECT modules_started, total_attempts, average_score IS NULL, ready_for_trading FROM education.user_summary WHERE user_id = 4143$$,
                  $$VALUES (0, 0, true, false)$$, 'education.user_summary: a learner without progress has a zero row, not ready');
-- raising a pass mark above a learner's score withdraws readiness
UPDATE education.modules SET min_quiz_score = 85 WHERE id = 4142;
SELECT is((SELECT ready_for_trading FROM education.user_summary WHERE user_id = 4141), false,
          'education.user_summary.ready_for_trading: follows the current pass marks');
UPDATE education.modules SET min_quiz_score = 80 WHERE id = 4142;

SELECT tests.act_as(4142);
SELECT results_eq($$SELECT user_id FROM education.user_summary$$, ARRAY[4142::bigint], 'education.user_summary: a learner sees only its own row');
SELECT tests.act_as_role('chain_readonly');
SELECT is((SELECT pg_catalog.count(*)::int FROM education.user_summary WHERE user_id BETWEEN 4141 AND 4143), 3,
          'education.user_summary: chain_readonly sees every user');
SELECT tests.act_as_role('chain_app');
SELECT is((SELECT ready_for_trading FROM education.user_summary WHERE user_id = 4141), true,
          'education.user_summary: chain_app sees readiness');
SELECT throws_ok($$DELETE FROM education.user_summary$$, '55000', NULL, 'education.user_summary: not updatable, even by chain_app');
SELECT tests.reset_role();
SELECT ok(NOT EXISTS (SELECT 1 FROM education.user_summary WHERE ready_for_trading AND required_modules = 0),
          'education.user_summary.ready_for_trading: never true when nothing is required');

SELECT * FROM finish();
ROLLBACK;
