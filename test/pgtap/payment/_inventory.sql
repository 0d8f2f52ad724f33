-- pgTAP: payment — exactly these objects (an unexpected one fails). Later changes adding to payment
-- extend these lists.
BEGIN;
SELECT plan(13);

SELECT tables_are('payment', ARRAY['contracts', 'escrow_transactions'], 'payment: tables');
SELECT views_are('payment', ARRAY[]::name[], 'payment: views');
SELECT materialized_views_are('payment', ARRAY[]::name[], 'payment: materialized views');
SELECT functions_are('payment', ARRAY['check_contract_amount', 'check_escrow_total'], 'payment: functions');
SELECT enums_are('payment', ARRAY[]::name[], 'payment: enums');
SELECT domains_are('payment', ARRAY[]::name[], 'payment: domains');
SELECT sequences_are('payment', ARRAY['contracts_id_seq', 'escrow_transactions_id_seq'], 'payment: sequences');
SELECT indexes_are('payment', 'contracts', ARRAY['contracts_buyer_id_idx', 'contracts_contract_address_key', 'contracts_pkey', 'contracts_product_id_idx', 'contracts_seller_id_idx', 'contracts_status_idx', 'contracts_tx_hash_key'], 'payment.contracts: indexes');
SELECT triggers_are('payment', 'contracts', ARRAY['audit_capture', 'audit_capture_truncate', 'contracts_amount_covers_escrow', 'contracts_set_updated_at'], 'payment.contracts: triggers');
SELECT policies_are('payment', 'contracts', ARRAY['contracts_delete_app', 'contracts_insert_app', 'contracts_select_app', 'contracts_select_owner', 'contracts_select_party', 'contracts_select_readonly', 'contracts_update_app'], 'payment.contracts: policies');
SELECT indexes_are('payment', 'escrow_transactions', ARRAY['escrow_transactions_payment_contract_id_idx', 'escrow_transactions_pkey', 'escrow_transactions_released_by_idx', 'escrow_transactions_status_idx', 'escrow_transactions_tx_hash_key'], 'payment.escrow_transactions: indexes');
SELECT triggers_are('payment', 'escrow_transactions', ARRAY['audit_capture', 'audit_capture_truncate', 'escrow_transactions_within_contract'], 'payment.escrow_transactions: triggers');
SELECT policies_are('payment', 'escrow_transactions', ARRAY['escrow_transactions_delete_app', 'escrow_transactions_insert_app', 'escrow_transactions_select_app', 'escrow_transactions_select_owner', 'escrow_transactions_select_party', 'escrow_transactions_select_readonly', 'escrow_transactions_update_app'], 'payment.escrow_transactions: policies');

SELECT * FROM finish();
ROLLBACK;
