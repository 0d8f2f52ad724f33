-- roles/education/practice_sessions.sql — privileges and row-level security of
-- education.practice_sessions. A simulation is the user's own data: chain_user has full DML
-- on its own rows (UPDATE of the simulation columns, not of identity or owner); chain_app and
-- chain_readonly see every row.

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write
-- chain_app and chain_readonly: core.enable_backend_access(), called for this table by the change
-- core/backend_access_tables (docs/conventions.md); here only what differs.

ALTER TABLE education.practice_sessions ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;

GRANT SELECT, INSERT, DELETE ON education.practice_sessions TO chain_user;
GRANT UPDATE (trading_pair, strategy_params, final_balance, trades_count, metrics, portfolio, status, ended_at)
    ON education.practice_sessions TO chain_user;
CREATE POLICY practice_sessions_select_own ON education.practice_sessions FOR SELECT TO chain_user
    USING (user_id = (SELECT core.current_user_id()));
CREATE POLICY practice_sessions_insert_own ON education.practice_sessions FOR INSERT TO chain_user
    WITH CHECK (user_id = (SELECT core.current_user_id()));
CREATE POLICY practice_sessions_update_own ON education.practice_sessions FOR UPDATE TO chain_user
    USING (user_id = (SELECT core.current_user_id()))
    WITH CHECK (user_id = (SELECT core.current_user_id()));
CREATE POLICY practice_sessions_delete_own ON education.practice_sessions FOR DELETE TO chain_user
    USING (user_id = (SELECT core.current_user_id()));
COMMENT ON POLICY practice_sessions_select_own ON education.practice_sessions IS 'A learner reads only its own sessions.';
COMMENT ON POLICY practice_sessions_insert_own ON education.practice_sessions IS 'A learner creates sessions only for itself.';
COMMENT ON POLICY practice_sessions_update_own ON education.practice_sessions IS 'A learner updates only its own sessions.';
COMMENT ON POLICY practice_sessions_delete_own ON education.practice_sessions IS 'A learner deletes only its own sessions.';

