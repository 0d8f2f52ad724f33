-- Revert chaindb:education/quiz_answers from pg

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SET LOCAL ROLE chain_owner;

REVOKE SELECT ON education.modules FROM chain_user, chain_readonly;   -- the column grants too
GRANT SELECT ON education.modules TO chain_user, chain_readonly;
ALTER TABLE education.modules DROP COLUMN quiz_questions;
COMMENT ON COLUMN education.modules.quiz IS 'Quiz as {"questions": [{"question", "options", "answer"}, …]}; every question carries its answer (graded by the backend, never shown to end users by the app).';
DROP FUNCTION education.grade_quiz(bigint, jsonb);
DROP FUNCTION education.quiz_without_answers(jsonb);

COMMIT;
