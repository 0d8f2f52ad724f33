-- pgTAP: token — exactly these objects (an unexpected one fails). Later changes adding to token
-- extend these lists.
BEGIN;
SELECT plan(19);

SELECT tables_are('token', ARRAY['stakes', 'staking_pools', 'trace_points', 'transactions'], 'token: tables');
SELECT views_are('token', ARRAY[]::name[], 'token: views');
SELECT materialized_views_are('token', ARRAY[]::name[], 'token: materialized views');
SELECT functions_are('token', ARRAY['stake_rewards', 'stakes_check_limits'], 'token: functions');
SELECT enums_are('token', ARRAY['pool_type', 'transaction_status', 'transaction_type'], 'token: enums');
SELECT domains_are('token', ARRAY[]::name[], 'token: domains');
SELECT sequences_are('token', ARRAY['stakes_id_seq', 'staking_pools_id_seq', 'trace_points_id_seq', 'transactions_id_seq'], 'token: sequences');
SELECT indexes_are('token', 'stakes', ARRAY['stakes_active_unlock_at_idx', 'stakes_pkey', 'stakes_pool_id_idx', 'stakes_tx_hash_key', 'stakes_user_id_idx'], 'token.stakes: indexes');
SELECT triggers_are('token', 'stakes', ARRAY['audit_capture', 'audit_capture_truncate', 'stakes_check_limits', 'stakes_set_updated_at'], 'token.stakes: triggers');
SELECT policies_are('token', 'stakes', ARRAY['stakes_delete_app', 'stakes_insert_app', 'stakes_select_app', 'stakes_select_own', 'stakes_select_owner', 'stakes_select_readonly', 'stakes_update_app'], 'token.stakes: policies');
SELECT indexes_are('token', 'staking_pools', ARRAY['staking_pools_active_type_idx', 'staking_pools_pkey', 'staking_pools_pool_name_key', 'staking_pools_pool_type_idx'], 'token.staking_pools: indexes');
SELECT triggers_are('token', 'staking_pools', ARRAY['staking_pools_set_updated_at'], 'token.staking_pools: triggers');
SELECT policies_are('token', 'staking_pools', ARRAY['staking_pools_delete_app', 'staking_pools_insert_app', 'staking_pools_select_all', 'staking_pools_select_app', 'staking_pools_select_owner', 'staking_pools_select_readonly', 'staking_pools_update_app'], 'token.staking_pools: policies');
SELECT indexes_are('token', 'trace_points', ARRAY['trace_points_created_at_idx', 'trace_points_pkey', 'trace_points_points_type_idx', 'trace_points_source_checkpoint_id_idx', 'trace_points_source_product_id_idx', 'trace_points_unclaimed_idx', 'trace_points_user_id_created_at_idx'], 'token.trace_points: indexes');
SELECT triggers_are('token', 'trace_points', ARRAY[]::name[], 'token.trace_points: triggers');
SELECT policies_are('token', 'trace_points', ARRAY['trace_points_delete_app', 'trace_points_insert_app', 'trace_points_select_app', 'trace_points_select_own', 'trace_points_select_owner', 'trace_points_select_readonly', 'trace_points_update_app'], 'token.trace_points: policies');
SELECT indexes_are('token', 'transactions', ARRAY['transactions_created_at_idx', 'transactions_pkey', 'transactions_status_idx', 'transactions_transaction_type_idx', 'transactions_tx_hash_key', 'transactions_user_id_created_at_idx'], 'token.transactions: indexes');
SELECT triggers_are('token', 'transactions', ARRAY['audit_capture', 'audit_capture_truncate', 'notify_change', 'notify_change_truncate', 'transactions_set_updated_at'], 'token.transactions: triggers');
SELECT policies_are('token', 'transactions', ARRAY['transactions_delete_app', 'transactions_insert_app', 'transactions_select_app', 'transactions_select_own', 'transactions_select_owner', 'transactions_select_readonly', 'transactions_update_app'], 'token.transactions: policies');

SELECT * FROM finish();
ROLLBACK;
