-- pgTAP: memory — exactly these objects (an unexpected one fails). Later changes adding to memory
-- extend these lists.
BEGIN;
SELECT plan(7);

SELECT set_eq($$SELECT c.relname::text FROM pg_catalog.pg_class AS c
                 WHERE c.relnamespace = 'memory'::regnamespace AND c.relkind IN ('r', 'p') AND NOT c.relispartition$$,
              ARRAY['access_grants', 'assets', 'audit_logs', 'batches', 'cost_tracking', 'merkle_trees', 'minting_queue',
                    'transfers', 'versions'],
              'memory: tables (partitions of memory.audit_logs aside)');
SELECT is((SELECT pg_catalog.array_agg(DISTINCT c.relname::text ORDER BY c.relname::text)
             FROM pg_catalog.pg_inherits AS i JOIN pg_catalog.pg_class AS c ON c.oid = i.inhrelid
            WHERE i.inhparent = 'memory.audit_logs'::regclass AND c.relname !~ '^audit_logs_(p[0-9]{4}_[0-9]{2}|default)$'), NULL,
          'memory.audit_logs: every partition is named audit_logs_pYYYY_MM, or audit_logs_default');
SELECT views_are('memory', ARRAY['active_assets', 'batch_statistics', 'user_statistics'], 'memory: views');
SELECT materialized_views_are('memory', ARRAY[]::name[], 'memory: materialized views');
SELECT functions_are('memory', ARRAY['reserve_leaves', 'asset_guard', 'access_grant_guard', 'has_access',
                     'consume_grant', 'audit_log_append_only', 'apply_transfer', 'transfer_asset', 'apply_version',
                     'claim_mint_requests', 'complete_mint_request', 'fail_mint_request',
                     'release_stale_claims'], 'memory: functions');
SELECT enums_are('memory', ARRAY['tree_status', 'batch_status', 'mint_status', 'mint_priority'], 'memory: enums');
SELECT sequences_are('memory', ARRAY['access_grants_id_seq', 'audit_logs_id_seq', 'cost_tracking_id_seq', 'minting_queue_id_seq',
                     'transfers_id_seq', 'versions_id_seq'], 'memory: sequences (identity columns)');

SELECT * FROM finish();
ROLLBACK;
