-- Revert chaindb:memory/minting_queue from pg

BEGIN;

DELETE FROM core.state_transitions WHERE machine = 'memory.mint_status'::regtype;
DELETE FROM ops.retention_policies WHERE table_name = 'memory.minting_queue'::regclass;

DROP FUNCTION memory.release_stale_claims(interval);
DROP FUNCTION memory.fail_mint_request(bigint, text, text);
DROP FUNCTION memory.complete_mint_request(bigint, text, text, text);
DROP FUNCTION memory.claim_mint_requests(text, integer);
-- policies, grants, indexes and triggers go with the table
DROP TABLE memory.minting_queue;
DROP TYPE memory.mint_priority;
DROP TYPE memory.mint_status;

COMMIT;
