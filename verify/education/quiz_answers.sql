-- Verify chaindb:education/quiz_answers on pg

BEGIN;
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SELECT quiz_questions FROM education.modules WHERE FALSE;
SELECT 'education.grade_quiz(bigint, jsonb)'::regprocedure, 'education.quiz_without_answers(jsonb)'::regprocedure;
SELECT 1 / (NOT pg_catalog.has_column_privilege('chain_user', 'education.modules', 'quiz', 'SELECT'))::int;
SELECT 1 / (NOT pg_catalog.has_column_privilege('chain_readonly', 'education.modules', 'quiz', 'SELECT'))::int;
SELECT 1 / pg_catalog.has_column_privilege('chain_user', 'education.modules', 'quiz_questions', 'SELECT')::int;
-- the updated_at trigger's WHEN reads stored columns only (restorable from a dump)
SELECT 1 / pg_catalog.count(*) FROM pg_catalog.pg_trigger
 WHERE tgrelid = 'education.modules'::regclass AND tgname = 'modules_set_updated_at'
   AND pg_catalog.pg_get_triggerdef(oid) !~ 'old\.\*';

ROLLBACK;
