-- Verify chaindb:governance/votes on pg

SELECT id, proposal_id, voter_id, choice, weight, reason, created_at FROM governance.votes WHERE FALSE;
SELECT 1 / pg_catalog.count(*) FROM pg_catalog.pg_trigger
 WHERE tgrelid = 'governance.votes'::regclass AND tgname = 'votes_cast';
SELECT 1 / pg_catalog.count(*) FROM pg_catalog.pg_trigger
 WHERE tgrelid = 'governance.votes'::regclass AND tgname = 'votes_tally';
SELECT 1 / (NOT pg_catalog.has_table_privilege('chain_app', 'governance.votes', 'UPDATE'))::int;
