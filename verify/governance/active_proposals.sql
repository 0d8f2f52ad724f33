-- Verify chaindb:governance/active_proposals on pg

SELECT id, title, voting_ends_at, votes_total, quorum_reached FROM governance.active_proposals WHERE FALSE;
SELECT 1 / pg_catalog.count(*) FROM pg_catalog.pg_class
 WHERE oid = 'governance.active_proposals'::regclass AND 'security_invoker=true' = ANY (reloptions);
SELECT 1 / (NOT pg_catalog.has_table_privilege('chain_app', 'governance.active_proposals', 'INSERT, UPDATE, DELETE'))::int;  -- read-only
