-- roles/education/progress.sql — privileges and row-level security of education.progress.
--
--   * chain_user: its own rows; it may start modules (insert, status and started_at) but
--     not grade itself: quiz_score, attempts and completion are written by chain_app;
--   * chain_app (the backend, which grades quizzes) and chain_readonly see every row.

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write
-- chain_app and chain_readonly: core.enable_backend_access(), called for this table by the change
-- core/backend_access_tables (docs/conventions.md); here only what differs.

ALTER TABLE education.progress ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;

GRANT SELECT ON education.progress TO chain_user;
GRANT INSERT (user_id, module_id, status, started_at), UPDATE (status, started_at) ON education.progress TO chain_user;
CREATE POLICY progress_select_own ON education.progress FOR SELECT TO chain_user
    USING (user_id = (SELECT core.current_user_id()));
CREATE POLICY progress_insert_own ON education.progress FOR INSERT TO chain_user
    WITH CHECK (user_id = (SELECT core.current_user_id()));
CREATE POLICY progress_update_own ON education.progress FOR UPDATE TO chain_user
    USING (user_id = (SELECT core.current_user_id()))
    WITH CHECK (user_id = (SELECT core.current_user_id()));
COMMENT ON POLICY progress_select_own ON education.progress IS 'A learner reads only its own progress.';
COMMENT ON POLICY progress_insert_own ON education.progress IS 'A learner starts modules only for itself.';
COMMENT ON POLICY progress_update_own ON education.progress IS 'A learner updates only its own progress (status, started_at).';

