-- roles/core/users.sql — privileges and row-level security of core.users.
--
-- The RLS conventions of every chaindb table (docs/conventions.md; the chain_app and chain_readonly
-- part is core.enable_backend_access()):
--   * RLS ENABLED and FORCED (FORCE: the owner, and so every SECURITY DEFINER function it owns,
--     is bound by the policies too);
--   * one policy per command, each with an explicit TO role, named <table>_<command>_<who>;
--   * predicates compare an indexed column with (SELECT core.current_user_id()), an initPlan
--     evaluated once per query instead of once per row;
--   * chain_app (the backend) and chain_readonly see every row; chain_readonly not the secrets,
--     through column privileges.

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write
-- chain_app and chain_readonly: core.enable_backend_access(), called for this table by the change
-- core/backend_access_tables (docs/conventions.md); here only what differs.

ALTER TABLE core.users ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;

-- chain_user: its own row; it may edit only its profile columns
GRANT SELECT ON core.users TO chain_user;
GRANT UPDATE (email, preferences) ON core.users TO chain_user;
CREATE POLICY users_select_own ON core.users FOR SELECT TO chain_user
    USING (id = (SELECT core.current_user_id()));
CREATE POLICY users_update_own ON core.users FOR UPDATE TO chain_user
    USING (id = (SELECT core.current_user_id()))
    WITH CHECK (id = (SELECT core.current_user_id()));
COMMENT ON POLICY users_select_own ON core.users IS 'An end user reads only its own row.';
COMMENT ON POLICY users_update_own ON core.users IS 'An end user updates only its own row (e-mail, preferences).';

-- chain_readonly: every row, every column but the e-mail (a secret)
REVOKE SELECT ON core.users FROM chain_readonly;
GRANT SELECT (id, wallet_address, tier, is_custodial, reputation_score, preferences,
              created_at, updated_at, last_login_at) ON core.users TO chain_readonly;
