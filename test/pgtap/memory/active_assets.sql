-- pgTAP: memory/active_assets — the view memory.active_assets [active_memory_assets] (index use: test/python/test_lookups_memory.py).
BEGIN;
SELECT plan(12);

-- view memory.active_assets: 7 assertions
SELECT tests.view_conventions('memory.active_assets', ARRAY['chain_app', 'chain_readonly', 'chain_user']);  -- 6: owner, comments, read path, readers, read-only
SELECT columns_are('memory', 'active_assets', ARRAY['asset_id', 'owner_address', 'arweave_id', 'content_hash', 'version', 'batch_id', 'encryption_key_id', 'agent_id', 'memory_type', 'metadata', 'created_at', 'updated_at', 'batch_status', 'transaction_signature', 'confirmed_at', 'active_grants_count']::name[], 'memory.active_assets: exactly these columns');

-- fixture (shared by the three memory view files): test/helpers/tests_fixtures.sql
CALL tests.memory_views_fixture();

-- behaviour: live assets only, with batch information and the usable-grant count
SELECT results_eq($$SELECT asset_id, batch_status::text, active_grants_count FROM memory.active_assets ORDER BY asset_id$$,
                  $$VALUES ('a-ann-1', 'completed', 1::bigint), ('a-ann-2', NULL, 0::bigint), ('a-bob-1', NULL, 0::bigint)$$,
                  'memory.active_assets: burned assets left out; batch status; only the usable grant counted (not the exhausted, revoked or expired ones)');
SELECT is((SELECT transaction_signature FROM memory.active_assets WHERE asset_id = 'a-ann-1'), repeat('5', 87) || '1',
          'memory.active_assets.transaction_signature: the batch''s signature');
SELECT isnt((SELECT confirmed_at FROM memory.active_assets WHERE asset_id = 'a-ann-1'), NULL, 'memory.active_assets.confirmed_at: the batch''s confirmation');
SELECT tests.act_as_wallet('Ann11111111111111111111111111111111111111111');
SELECT results_eq($$SELECT asset_id FROM memory.active_assets ORDER BY asset_id$$, ARRAY['a-ann-1', 'a-ann-2'],
                  'memory.active_assets: security_invoker, Ann sees her own live assets');
SELECT tests.act_as_wallet('Bob11111111111111111111111111111111111111111');
SELECT results_eq($$SELECT asset_id, active_grants_count FROM memory.active_assets ORDER BY asset_id$$,
                  $$VALUES ('a-ann-1', 1::bigint), ('a-bob-1', 0::bigint)$$,
                  'memory.active_assets: Bob sees his asset and the one granted to him');
SELECT tests.reset_role();

SELECT * FROM finish();
ROLLBACK;
