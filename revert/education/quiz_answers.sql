-- Revert chaindb:education/quiz_answers from pg

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SET LOCAL ROLE chain_owner;

REVOKE SELECT ON education.modules FROM chain_user, chain_readonly;   -- the column grants too
GRANT SELECT ON education.modules TO chain_user, chain_readonly;
ALTER TABLE education.modules DROP COLUMN quiz_questions;
DROP TRIGGER modules_set_updated_at ON education.modules;
CREATE TRIGGER modules_set_updated_at BEFORE UPDATE ON education.modules
    FOR EACH ROW WHEN (OLD IS DISTINCT FROM NEW) EXECUTE FUNCTION core.set_updated_at();
COMMENT ON TRIGGER modules_set_updated_at ON education.modules IS 'Keeps updated_at current on real changes.';
COMMENT ON COLUMN education.modules.quiz IS 'Quiz as {"questions": [{"question", "options", "answer"}, …]}; every question carries its answer (graded by the backend, never shown to end users by the app).';
DROP FUNCTION education.grade_quiz(bigint, jsonb);
DROP FUNCTION education.quiz_without_answers(jsonb);

COMMIT;
