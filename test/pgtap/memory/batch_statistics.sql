-- pgTAP: memory/batch_statistics — the view memory.batch_statistics (index use of the seed's date filter: test/python/test_lookups_memory.py).
BEGIN;
SELECT plan(10);

-- view memory.batch_statistics: 7 assertions
SELECT tests.view_conventions('memory.batch_statistics', ARRAY['chain_app', 'chain_readonly', 'chain_user']);  -- 6: owner, comments, read path, readers, read-only
SELECT columns_are('memory', 'batch_statistics', ARRAY['date', 'batch_count', 'total_memories', 'avg_memories_per_batch', 'total_cost_lamports', 'avg_cost_per_batch']::name[], 'memory.batch_statistics: exactly these columns');

-- fixture (shared by the three memory view files): test/helpers/tests_fixtures.sql
CALL tests.memory_views_fixture();

-- behaviour: one row per UTC day over completed batches
SELECT results_eq($$SELECT date, batch_count, total_memories, avg_memories_per_batch, total_cost_lamports, avg_cost_per_batch
                      FROM memory.batch_statistics ORDER BY date$$,
                  $$VALUES ('2026-01-10'::date, 2::bigint, 6::bigint, 3::numeric, 20000::numeric, 10000::numeric),
                           ('2026-01-11'::date, 1::bigint, 1::bigint, 1::numeric, 1000::numeric, 1000::numeric)$$,
                  'memory.batch_statistics: completed batches per UTC day (23:30 and 01:00 UTC on one day), the pending one left out');
SELECT is((SELECT pg_catalog.count(*)::int FROM memory.batch_statistics WHERE date >= CURRENT_DATE - INTERVAL '30 days'), 0,
          'memory.batch_statistics: the seed''s usage query 2 (last 30 days) runs');
SELECT tests.act_as_wallet('Bob11111111111111111111111111111111111111111');
SELECT is_empty($$SELECT * FROM memory.batch_statistics$$, 'memory.batch_statistics: security_invoker, Bob has no completed batch');
SELECT tests.reset_role();

SELECT * FROM finish();
ROLLBACK;
