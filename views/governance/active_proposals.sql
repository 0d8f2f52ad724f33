-- governance.active_proposals — the seed's GET /api/governance/proposals/active: proposals that
-- are active and whose voting window contains now(), closing soonest first, with the total
-- weight cast and whether the quorum is reached. security_invoker (RLS of proposals applies:
-- active proposals are public). Read through proposals_status_voting_ends_at_idx.
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

CREATE VIEW governance.active_proposals WITH (security_invoker = true) AS
SELECT p.id, p.proposer_id, p.title, p.description, p.voting_starts_at, p.voting_ends_at, p.quorum,
       p.votes_for, p.votes_against, p.votes_abstain,
       p.votes_for + p.votes_against + p.votes_abstain AS votes_total,
       p.votes_for + p.votes_against + p.votes_abstain >= p.quorum AS quorum_reached
  FROM governance.proposals AS p
 WHERE p.status = 'active'
   AND p.voting_ends_at > pg_catalog.now()
   AND p.voting_starts_at <= pg_catalog.now()
 ORDER BY p.voting_ends_at, p.id;
COMMENT ON VIEW governance.active_proposals IS 'Proposals open for voting now, closing soonest first, with total weight and quorum status.';
COMMENT ON COLUMN governance.active_proposals.votes_total IS 'Weight cast so far: for + against + abstain.';
COMMENT ON COLUMN governance.active_proposals.quorum_reached IS 'Whether the weight cast so far reaches the proposal''s quorum.';
-- read-only: the schema's default privileges gave chain_app DML
REVOKE INSERT, UPDATE, DELETE ON governance.active_proposals FROM chain_app;
GRANT SELECT ON governance.active_proposals TO chain_app, chain_user, chain_readonly;
