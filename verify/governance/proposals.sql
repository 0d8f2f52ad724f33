-- Verify chaindb:governance/proposals on pg

SELECT id, proposer_id, title, description, status, voting_starts_at, voting_ends_at, quorum,
       votes_for, votes_against, votes_abstain, executed_at, created_at, updated_at
  FROM governance.proposals WHERE FALSE;
SELECT 1 / (relrowsecurity AND relforcerowsecurity)::int FROM pg_catalog.pg_class WHERE oid = 'governance.proposals'::regclass;
