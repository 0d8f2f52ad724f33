-- roles/auth/sessions.sql — privileges and row-level security of auth.sessions.
--
--   * token_hash is a secret: only chain_app (which checks tokens) may read it;
--     chain_readonly and chain_user get every other column (column privileges);
--   * chain_user: its own sessions; it may revoke them (UPDATE of revoked_at only);
--   * chain_app issues, checks, revokes and purges every session.

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write
-- chain_app and chain_readonly: core.enable_backend_access(), called for this table by the change
-- core/backend_access_tables (docs/conventions.md); here only what differs.

ALTER TABLE auth.sessions ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;

GRANT SELECT (id, user_id, jti, issued_at, expires_at, revoked_at, ip_address, user_agent) ON auth.sessions TO chain_user;
GRANT UPDATE (revoked_at) ON auth.sessions TO chain_user;
CREATE POLICY sessions_select_own ON auth.sessions FOR SELECT TO chain_user
    USING (user_id = (SELECT core.current_user_id()));
-- a revoked session can never be revived: trigger sessions_revocation_final
CREATE POLICY sessions_update_own ON auth.sessions FOR UPDATE TO chain_user
    USING (user_id = (SELECT core.current_user_id()))
    WITH CHECK (user_id = (SELECT core.current_user_id()));
COMMENT ON POLICY sessions_select_own ON auth.sessions IS 'A user lists only its own sessions (without token hashes).';
COMMENT ON POLICY sessions_update_own ON auth.sessions IS 'A user revokes only its own sessions (revoked_at only; never un-revoked, see sessions_revocation_final).';

GRANT SELECT (id, user_id, jti, issued_at, expires_at, revoked_at, ip_address, user_agent) ON auth.sessions TO chain_readonly;
