-- pgTAP: education/quiz_answers — the quiz answer key is hidden from chain_user and chain_readonly
-- (column privileges); education.modules.quiz_questions (generated, without answers) is what
-- they read; education.grade_quiz() grades a submission for the backend.
BEGIN;
SELECT plan(34);

SELECT tests.function_conventions('education.quiz_without_answers(jsonb)');
SELECT tests.function_conventions('education.grade_quiz(bigint, jsonb)');
SELECT volatility_is('education', 'quiz_without_answers', ARRAY['jsonb'], 'immutable',
                     'education.quiz_without_answers(): immutable (it computes a generated column)');
SELECT isnt_definer('education', 'grade_quiz', ARRAY['bigint', 'jsonb'], 'education.grade_quiz(): SECURITY INVOKER (reads the key with chain_app''s privileges)');
SELECT function_privs_are('education', 'grade_quiz', ARRAY['bigint', 'jsonb'], 'chain_app', ARRAY['EXECUTE'],
                          'education.grade_quiz(): the backend grades');
SELECT function_privs_are('education', 'grade_quiz', ARRAY['bigint', 'jsonb'], 'chain_user', ARRAY[]::text[],
                          'education.grade_quiz(): an end user cannot call it (it would probe the key one answer at a time)');
SELECT col_type_is('education', 'modules', 'quiz_questions', 'jsonb', 'education.modules.quiz_questions: jsonb');
SELECT is((SELECT attgenerated FROM pg_catalog.pg_attribute WHERE attrelid = 'education.modules'::regclass AND attname = 'quiz_questions'),
          's', 'education.modules.quiz_questions: generated (stored) from quiz');
SELECT column_privs_are('education', 'modules', 'quiz', r, ARRAY[]::text[], 'education.modules.quiz: ' || r || ' cannot read the answer key')
  FROM pg_catalog.unnest(ARRAY['chain_user', 'chain_readonly']) AS r;
SELECT column_privs_are('education', 'modules', 'quiz_questions', r, ARRAY['SELECT'], 'education.modules.quiz_questions: ' || r || ' reads the questions')
  FROM pg_catalog.unnest(ARRAY['chain_user', 'chain_readonly']) AS r;

INSERT INTO education.modules (id, slug, title, position, is_published, min_quiz_score, quiz) OVERRIDING SYSTEM VALUE VALUES
    (4201, 't-quiz', 'Quiz', 4201, true, 70,
     '{"questions": [{"question": "Grid count?", "options": ["2", "10"], "answer": "10"},
                     {"question": "Range?", "options": ["wide", "narrow"], "answer": 0},
                     {"question": "Stop?", "options": ["yes", "no"], "answer": "yes"},
                     {"question": "Fees?", "options": [true, false], "answer": true}]}'),
    (4202, 't-quiz-empty', 'No quiz', 4202, true, 70, '{"questions": []}');

SELECT is(education.quiz_without_answers('{"questions": [{"question": "q", "options": [1, 2], "answer": 2}], "title": "t"}'),
          '{"questions": [{"question": "q", "options": [1, 2]}], "title": "t"}'::jsonb,
          'education.quiz_without_answers(): every answer removed, the rest kept');

-- as an end user and as reporting: the questions, never the answers
SELECT tests.act_as(NULL);
SELECT throws_ok($$SELECT quiz FROM education.modules WHERE id = 4201$$, '42501', NULL,
                 'education.modules.quiz: chain_user is refused the answer key');
SELECT throws_ok($$SELECT * FROM education.modules WHERE id = 4201$$, '42501', NULL,
                 'education.modules.quiz: not even through SELECT *');
SELECT is((SELECT pg_catalog.jsonb_array_length(quiz_questions -> 'questions') FROM education.modules WHERE id = 4201), 4,
          'education.modules.quiz_questions: chain_user reads the four questions');
SELECT ok(NOT (SELECT pg_catalog.jsonb_path_exists(quiz_questions, 'strict $.**.answer') FROM education.modules WHERE id = 4201),
          'education.modules.quiz_questions: no answer in them');
SELECT throws_ok($$SELECT education.grade_quiz(4201, '["10", 0, "yes", true]')$$, '42501', NULL,
                 'education.grade_quiz(): chain_user may not grade');
SELECT tests.act_as_role('chain_readonly');
SELECT throws_ok($$SELECT quiz FROM education.modules WHERE id = 4201$$, '42501', NULL,
                 'education.modules.quiz: chain_readonly is refused the answer key');
SELECT ok(NOT (SELECT pg_catalog.jsonb_path_exists(quiz_questions, 'strict $.**.answer') FROM education.modules WHERE id = 4201),
          'education.modules.quiz_questions: chain_readonly reads the questions without answers');

-- the backend grades
SELECT tests.act_as_role('chain_app');
SELECT is(education.grade_quiz(4201, '["10", 0, "yes", true]'), 100::smallint, 'education.grade_quiz(): all right: 100');
SELECT is(education.grade_quiz(4201, '["10", 1, "no", true]'), 50::smallint, 'education.grade_quiz(): two of four: 50');
SELECT is(education.grade_quiz(4201, '["10"]'), 25::smallint, 'education.grade_quiz(): an unanswered question counts as wrong');
SELECT is(education.grade_quiz(4201, '[10, "0", "Yes", "true"]'), 0::smallint,
          'education.grade_quiz(): answers compare as JSON values (type and case count)');
SELECT throws_ok($$SELECT education.grade_quiz(4201, '{"a": 1}')$$, '22023', NULL,
                 'education.grade_quiz(): a submission is a JSON array');
SELECT throws_ok($$SELECT education.grade_quiz(999999, '[]')$$, 'P0002', NULL, 'education.grade_quiz(): an unknown module');
SELECT tests.reset_role();

-- restorable: a BEFORE trigger's WHEN may not read the generated column (pg_restore creates the
-- trigger after it), so modules_set_updated_at compares the stored columns only
SELECT doesnt_match(pg_catalog.pg_get_triggerdef(t.oid), 'old\.\*',
              'education.modules.modules_set_updated_at: WHEN names stored columns, not OLD.*/NEW.* (a dump restores)')
  FROM pg_catalog.pg_trigger AS t
 WHERE t.tgrelid = 'education.modules'::regclass AND t.tgname = 'modules_set_updated_at';
UPDATE education.modules SET title = 'No quiz yet', updated_at = '2020-01-01' WHERE id = 4202;
SELECT is((SELECT updated_at FROM education.modules WHERE id = 4202), now(),
          'education.modules.modules_set_updated_at: a real change still stamps updated_at');

SELECT * FROM finish();
ROLLBACK;
