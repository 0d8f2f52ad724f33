-- roles/governance/proposals.sql — privileges and RLS of governance.proposals.
--   chain_user: reads every proposal past draft and its own drafts; submits drafts of its own;
--   chain_app: everything but the tallies; chain_readonly: reads every proposal;
--   chain_owner: reads and updates every row — the vote triggers (governance.cast_vote() locks,
--   governance.tally_vote() writes the tallies; SECURITY DEFINER) run as the owner, which FORCE
--   ROW LEVEL SECURITY binds to policies too.
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write
-- chain_app and chain_readonly: core.enable_backend_access(), called for this table by the change
-- core/backend_access_tables (docs/conventions.md); here only what differs.

ALTER TABLE governance.proposals ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;

-- chain_app: every column but the tallies (votes_for, votes_against, votes_abstain), which only
-- the owner writes, through governance.tally_vote() (core.enable_backend_access keeps this
-- column-wise grant as it is)
REVOKE INSERT, UPDATE ON governance.proposals FROM chain_app;
GRANT INSERT (proposer_id, title, description, status, voting_starts_at, voting_ends_at, quorum, executed_at),
      UPDATE (title, description, status, voting_starts_at, voting_ends_at, quorum, executed_at)
   ON governance.proposals TO chain_app;

GRANT SELECT ON governance.proposals TO chain_user;
GRANT INSERT (proposer_id, title, description, voting_starts_at, voting_ends_at, quorum) ON governance.proposals TO chain_user;
CREATE POLICY proposals_select_public ON governance.proposals FOR SELECT TO chain_user
    USING (status <> 'draft' OR proposer_id = (SELECT core.current_user_id()));
CREATE POLICY proposals_insert_own ON governance.proposals FOR INSERT TO chain_user
    WITH CHECK (proposer_id = (SELECT core.current_user_id()) AND status = 'draft');
COMMENT ON POLICY proposals_select_public ON governance.proposals IS 'Proposals past draft are public; a draft is visible to its proposer.';
COMMENT ON POLICY proposals_insert_own ON governance.proposals IS 'An end user submits drafts in its own name.';

CREATE POLICY proposals_select_owner ON governance.proposals FOR SELECT TO chain_owner USING (true);
CREATE POLICY proposals_update_owner ON governance.proposals FOR UPDATE TO chain_owner USING (true) WITH CHECK (true);
COMMENT ON POLICY proposals_select_owner ON governance.proposals IS 'The vote triggers (governance.cast_vote, governance.tally_vote; SECURITY DEFINER) read and lock the proposal.';
COMMENT ON POLICY proposals_update_owner ON governance.proposals IS 'The tally trigger (governance.tally_vote, SECURITY DEFINER) updates the tallies.';
