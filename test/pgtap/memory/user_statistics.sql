-- pgTAP: memory/user_statistics — the view memory.user_statistics (index use of the owner filter: test/python/test_lookups_memory.py).
BEGIN;
SELECT plan(9);

-- view memory.user_statistics: 7 assertions
SELECT tests.view_conventions('memory.user_statistics', ARRAY['chain_app', 'chain_readonly', 'chain_user']);  -- 6: owner, comments, read path, readers, read-only
SELECT columns_are('memory', 'user_statistics', ARRAY['owner_address', 'total_assets', 'active_assets', 'total_batches', 'first_mint_at', 'last_mint_at', 'batched_mints', 'unique_agents', 'total_cost_lamports']::name[], 'memory.user_statistics: exactly these columns');

-- fixture, as the test's owner: a tree, Ann's completed and pending batches, assets of Ann (one burned) and Bob
INSERT INTO memory.merkle_trees (tree_address, max_depth, max_buffer_size) VALUES ('TreeA1111111111111111111111111111111111111', 14, 64);
INSERT INTO memory.batches (batch_id, owner_address, memory_count, merkle_tree_address, total_cost_lamports, created_at) VALUES
    ('b-ann-1', 'Ann11111111111111111111111111111111111111111', 2, 'TreeA1111111111111111111111111111111111111', 15000, '2026-01-10 23:30:00+00'),
    ('b-ann-2', 'Ann11111111111111111111111111111111111111111', 4, 'TreeA1111111111111111111111111111111111111', 5000, '2026-01-10 01:00:00+00'),
    ('b-ann-3', 'Ann11111111111111111111111111111111111111111', 1, 'TreeA1111111111111111111111111111111111111', 1000, '2026-01-11 00:30:00+00'),
    ('b-bob-1', 'Bob11111111111111111111111111111111111111111', 3, 'TreeA1111111111111111111111111111111111111', 0, '2026-01-11 00:30:00+00');
UPDATE memory.batches SET status = 'processing' WHERE batch_id <> 'b-bob-1';
UPDATE memory.batches SET status = 'completed', confirmed_at = created_at + interval '1 minute', transaction_signature = repeat('5', 87) || right(batch_id, 1)
 WHERE batch_id <> 'b-bob-1';
INSERT INTO memory.assets (asset_id, owner_address, arweave_id, content_hash, batch_id, encryption_key_id, agent_id, memory_type, created_at) VALUES
    ('a-ann-1', 'Ann11111111111111111111111111111111111111111', repeat('a', 43), repeat('0', 64), 'b-ann-1', 'k1', 'agent-1', 'episodic', '2026-01-10 23:31:00+00'),
    ('a-ann-2', 'Ann11111111111111111111111111111111111111111', repeat('b', 43), repeat('1', 64), NULL, 'k1', 'agent-2', 'semantic', '2026-01-12 08:00:00+00'),
    ('a-ann-3', 'Ann11111111111111111111111111111111111111111', repeat('d', 43), repeat('3', 64), NULL, 'k1', 'agent-1', 'semantic', '2026-01-09 08:00:00+00'),
    ('a-bob-1', 'Bob11111111111111111111111111111111111111111', repeat('c', 43), repeat('2', 64), NULL, 'k2', 'agent-3', 'semantic', '2026-01-11 08:00:00+00');
UPDATE memory.assets SET burned_at = now() WHERE asset_id = 'a-ann-3';
-- grants on a-ann-1: usable (Bob), exhausted (Cyd), revoked (Dee), expired (Eve)
INSERT INTO memory.access_grants (asset_id, grantee_address, grantor_address, max_access, created_at, expires_at) VALUES
    ('a-ann-1', 'Bob11111111111111111111111111111111111111111', 'Ann11111111111111111111111111111111111111111', NULL, now(), NULL),
    ('a-ann-1', 'Cyd11111111111111111111111111111111111111111', 'Ann11111111111111111111111111111111111111111', 1, now(), NULL),
    ('a-ann-1', 'Dee11111111111111111111111111111111111111111', 'Ann11111111111111111111111111111111111111111', NULL, now(), NULL),
    ('a-ann-1', 'Eve11111111111111111111111111111111111111111', 'Ann11111111111111111111111111111111111111111', NULL, now() - interval '2 days', now() - interval '1 day');
UPDATE memory.access_grants SET current_access = 1 WHERE grantee_address = 'Cyd11111111111111111111111111111111111111111';
UPDATE memory.access_grants SET revoked_at = now(), revoked_by = grantor_address WHERE grantee_address = 'Dee11111111111111111111111111111111111111111';
INSERT INTO memory.cost_tracking (operation_type, operation_id, wallet_address, total_cost_lamports) VALUES
    ('batch_mint', 'b-ann-1', 'Ann11111111111111111111111111111111111111111', 15000),
    ('transfer', 'x', 'Fay11111111111111111111111111111111111111111', 4000);

-- behaviour: one row per wallet with assets, batches or costs
SELECT results_eq($$SELECT owner_address::text, total_assets, active_assets, total_batches, first_mint_at, last_mint_at, batched_mints,
                           unique_agents, total_cost_lamports
                      FROM memory.user_statistics ORDER BY owner_address$$,
                  $$VALUES ('Ann11111111111111111111111111111111111111111', 3::bigint, 2::bigint, 3::bigint, '2026-01-09 08:00:00+00'::timestamptz,
                            '2026-01-12 08:00:00+00'::timestamptz, 1::bigint, 2::bigint, 15000::numeric),
                           ('Bob11111111111111111111111111111111111111111', 1::bigint, 1::bigint, 1::bigint, '2026-01-11 08:00:00+00'::timestamptz,
                            '2026-01-11 08:00:00+00'::timestamptz, 0::bigint, 1::bigint, 0::numeric),
                           ('Fay11111111111111111111111111111111111111111', 0::bigint, 0::bigint, 0::bigint, NULL::timestamptz, NULL::timestamptz,
                            0::bigint, 0::bigint, 4000::numeric)$$,
                  'memory.user_statistics: per-wallet totals from assets, batches and costs');
SELECT tests.act_as_wallet('Bob11111111111111111111111111111111111111111');
SELECT results_eq($$SELECT owner_address::text, total_assets, total_batches FROM memory.user_statistics ORDER BY owner_address$$,
                  $$VALUES ('Ann11111111111111111111111111111111111111111', 1::bigint, 0::bigint),
                           ('Bob11111111111111111111111111111111111111111', 1::bigint, 1::bigint)$$,
                  'memory.user_statistics: security_invoker, Bob''s statistics cover only rows he may see (his own, and Ann''s asset granted to him)');
SELECT tests.reset_role();

SELECT * FROM finish();
ROLLBACK;
