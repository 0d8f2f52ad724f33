-- pgTAP: trading — exactly these objects (an unexpected one fails). Later changes adding to trading
-- extend these lists.
BEGIN;
SELECT plan(16);

SELECT tables_are('trading', ARRAY['escrows', 'grids', 'orders'], 'trading: tables');
SELECT views_are('trading', ARRAY['user_trading_summary'], 'trading: views');
SELECT materialized_views_are('trading', ARRAY[]::name[], 'trading: materialized views');
SELECT functions_are('trading', ARRAY['escrow_transition', 'order_book'], 'trading: functions');
SELECT enums_are('trading', ARRAY['escrow_status', 'grid_status', 'order_side', 'order_status', 'order_type'], 'trading: enums');
SELECT domains_are('trading', ARRAY[]::name[], 'trading: domains');
SELECT sequences_are('trading', ARRAY['escrows_id_seq', 'grids_id_seq', 'orders_id_seq'], 'trading: sequences');
SELECT indexes_are('trading', 'escrows', ARRAY['escrows_buyer_id_idx', 'escrows_order_id_idx', 'escrows_pkey', 'escrows_seller_id_idx', 'escrows_status_created_at_idx'], 'trading.escrows: indexes');
SELECT triggers_are('trading', 'escrows', ARRAY['audit_capture', 'audit_capture_truncate', 'escrows_set_updated_at', 'escrows_transition', 'escrows_state_machine'], 'trading.escrows: triggers');
SELECT policies_are('trading', 'escrows', ARRAY['escrows_delete_app', 'escrows_insert_app', 'escrows_select_app', 'escrows_select_party', 'escrows_select_readonly', 'escrows_update_app', 'escrows_update_party', 'escrows_select_owner'], 'trading.escrows: policies');
SELECT indexes_are('trading', 'grids', ARRAY['grids_active_trading_pair_idx', 'grids_contract_address_idx', 'grids_pkey', 'grids_tx_hash_key', 'grids_user_id_created_at_idx'], 'trading.grids: indexes');
SELECT triggers_are('trading', 'grids', ARRAY['grids_set_updated_at', 'grids_state_machine'], 'trading.grids: triggers');
SELECT policies_are('trading', 'grids', ARRAY['grids_delete_app', 'grids_insert_app', 'grids_insert_own', 'grids_select_app', 'grids_select_own', 'grids_select_readonly', 'grids_update_app', 'grids_update_own', 'grids_select_owner'], 'trading.grids: policies');
SELECT indexes_are('trading', 'orders', ARRAY['orders_asset_id_idx', 'orders_open_book_idx', 'orders_pkey', 'orders_status_expires_at_idx', 'orders_user_id_created_at_idx'], 'trading.orders: indexes');
SELECT triggers_are('trading', 'orders', ARRAY['audit_capture', 'audit_capture_truncate', 'notify_change', 'notify_change_truncate', 'orders_set_updated_at', 'orders_state_machine'], 'trading.orders: triggers');
SELECT policies_are('trading', 'orders', ARRAY['orders_delete_app', 'orders_insert_app', 'orders_insert_own', 'orders_select_app', 'orders_select_own', 'orders_select_readonly', 'orders_update_app', 'orders_update_own', 'orders_select_owner'], 'trading.orders: policies');

SELECT * FROM finish();
ROLLBACK;
