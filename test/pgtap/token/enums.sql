-- pgTAP: token/enums — labels, comments and owner of the token enums.
BEGIN;
SELECT plan(13);

-- structure (from the deployed catalog)
SELECT enum_has_labels('token', 'transaction_status', ARRAY['pending', 'confirmed', 'failed', 'cancelled']::name[], 'token.transaction_status: labels pending, confirmed, failed, cancelled');
SELECT ok(pg_catalog.obj_description('token.transaction_status'::regtype, 'pg_type') IS NOT NULL, 'token.transaction_status: has a comment');
SELECT is((SELECT typowner::regrole::text FROM pg_catalog.pg_type WHERE oid = 'token.transaction_status'::regtype), 'chain_owner', 'token.transaction_status: owned by chain_owner');
SELECT enum_has_labels('token', 'transaction_type', ARRAY['mint', 'burn', 'transfer', 'stake', 'reward']::name[], 'token.transaction_type: labels mint, burn, transfer, stake, reward');
SELECT ok(pg_catalog.obj_description('token.transaction_type'::regtype, 'pg_type') IS NOT NULL, 'token.transaction_type: has a comment');
SELECT is((SELECT typowner::regrole::text FROM pg_catalog.pg_type WHERE oid = 'token.transaction_type'::regtype), 'chain_owner', 'token.transaction_type: owned by chain_owner');
SELECT enum_has_labels('token', 'pool_type', ARRAY['product', 'compliance', 'governance']::name[], 'token.pool_type: labels product, compliance, governance');
SELECT ok(pg_catalog.obj_description('token.pool_type'::regtype, 'pg_type') IS NOT NULL, 'token.pool_type: has a comment');
SELECT is((SELECT typowner::regrole::text FROM pg_catalog.pg_type WHERE oid = 'token.pool_type'::regtype), 'chain_owner', 'token.pool_type: owned by chain_owner');

-- behaviour
SELECT throws_ok($$SELECT 'reverted'::token.transaction_status$$, '22P02', NULL, 'token.transaction_status: rejects an unknown status');
SELECT isnt('cancelled'::token.transaction_status::text, NULL, 'token.transaction_status: has cancelled (what blockchain.transaction_status lacks, D-T2)');
SELECT throws_ok($$SELECT 'swap'::token.transaction_type$$, '22P02', NULL, 'token.transaction_type: rejects an unknown type');
SELECT throws_ok($$SELECT 'defi'::token.pool_type$$, '22P02', NULL, 'token.pool_type: rejects an unknown pool type');

SELECT * FROM finish();
ROLLBACK;
