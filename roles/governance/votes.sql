-- roles/governance/votes.sql — privileges and RLS of governance.votes.
--   chain_user: reads its own votes, casts votes in its own name (weight is the backend's);
--   chain_app: reads and casts; chain_readonly: reads every vote.
--   Votes are immutable: nobody may UPDATE or DELETE them (the tallies were built from them).
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write
-- chain_app and chain_readonly: core.enable_backend_access(), called for this table by the change
-- core/backend_access_tables (docs/conventions.md); here only what differs.

ALTER TABLE governance.votes ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;

REVOKE UPDATE, DELETE ON governance.votes FROM chain_app;
GRANT SELECT ON governance.votes TO chain_user;
GRANT INSERT (proposal_id, voter_id, choice, reason) ON governance.votes TO chain_user;
CREATE POLICY votes_select_own ON governance.votes FOR SELECT TO chain_user
    USING (voter_id = (SELECT core.current_user_id()));
CREATE POLICY votes_insert_own ON governance.votes FOR INSERT TO chain_user
    WITH CHECK (voter_id = (SELECT core.current_user_id()));
COMMENT ON POLICY votes_select_own ON governance.votes IS 'An end user reads only its own votes.';
COMMENT ON POLICY votes_insert_own ON governance.votes IS 'An end user votes in its own name only.';

