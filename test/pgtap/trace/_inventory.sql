-- pgTAP: trace — exactly these objects (an unexpected one fails). Later changes adding to trace
-- extend these lists.
BEGIN;
SELECT plan(19);

SELECT tables_are('trace', ARRAY['checkpoints', 'products', 'stakeholders', 'traceability_chain'], 'trace: tables');
SELECT views_are('trace', ARRAY[]::name[], 'trace: views');
SELECT materialized_views_are('trace', ARRAY[]::name[], 'trace: materialized views');
SELECT functions_are('trace', ARRAY['add_manufacturer_stakeholder', 'calculate_product_trust_score', 'calculate_trust_score', 'checkpoints_before_write', 'checkpoints_maintain_chain', 'get_product_trace_chain', 'lock_product_chain', 'rebuild_traceability_chain'], 'trace: functions');
SELECT enums_are('trace', ARRAY['checkpoint_status', 'product_type', 'stakeholder_role'], 'trace: enums');
SELECT domains_are('trace', ARRAY[]::name[], 'trace: domains');
SELECT sequences_are('trace', ARRAY['checkpoints_id_seq', 'stakeholders_id_seq'], 'trace: sequences');
SELECT indexes_are('trace', 'checkpoints', ARRAY['checkpoints_additional_data_idx', 'checkpoints_id_product_id_key', 'checkpoints_location_idx', 'checkpoints_pkey', 'checkpoints_product_id_timestamp_idx', 'checkpoints_product_index_key', 'checkpoints_stakeholder_id_idx', 'checkpoints_status_idx', 'checkpoints_timestamp_idx', 'checkpoints_tx_hash_key'], 'trace.checkpoints: indexes');
SELECT triggers_are('trace', 'checkpoints', ARRAY['audit_capture', 'audit_capture_truncate', 'checkpoints_assign_index', 'checkpoints_chain_delete', 'checkpoints_chain_insert', 'checkpoints_chain_truncate', 'checkpoints_chain_update', 'checkpoints_lock_chain'], 'trace.checkpoints: triggers');
SELECT policies_are('trace', 'checkpoints', ARRAY['checkpoints_delete_app', 'checkpoints_insert_app', 'checkpoints_insert_stakeholder', 'checkpoints_select_all', 'checkpoints_select_app', 'checkpoints_select_owner', 'checkpoints_select_readonly', 'checkpoints_update_app'], 'trace.checkpoints: policies');
SELECT indexes_are('trace', 'products', ARRAY['products_active_manufacturer_idx', 'products_active_type_idx', 'products_batch_number_idx', 'products_created_at_idx', 'products_deactivated_by_idx', 'products_expiry_date_idx', 'products_manufacture_date_idx', 'products_manufacturer_batch_key', 'products_manufacturer_id_idx', 'products_pkey', 'products_product_type_idx', 'products_search_vector_idx', 'products_tx_hash_key'], 'trace.products: indexes');
SELECT triggers_are('trace', 'products', ARRAY['audit_capture', 'audit_capture_truncate', 'products_add_manufacturer', 'products_set_updated_at'], 'trace.products: triggers');
SELECT policies_are('trace', 'products', ARRAY['products_delete_app', 'products_insert_app', 'products_insert_own', 'products_select_all', 'products_select_app', 'products_select_owner', 'products_select_readonly', 'products_update_app', 'products_update_own'], 'trace.products: policies');
SELECT indexes_are('trace', 'stakeholders', ARRAY['stakeholders_added_by_idx', 'stakeholders_pkey', 'stakeholders_product_id_id_key', 'stakeholders_product_user_role_key', 'stakeholders_user_id_idx'], 'trace.stakeholders: indexes');
SELECT triggers_are('trace', 'stakeholders', ARRAY[]::name[], 'trace.stakeholders: triggers');
SELECT policies_are('trace', 'stakeholders', ARRAY['stakeholders_delete_app', 'stakeholders_insert_app', 'stakeholders_insert_manufacturer', 'stakeholders_insert_owner', 'stakeholders_select_all', 'stakeholders_select_app', 'stakeholders_select_owner', 'stakeholders_select_readonly', 'stakeholders_update_app', 'stakeholders_update_manufacturer'], 'trace.stakeholders: policies');
SELECT indexes_are('trace', 'traceability_chain', ARRAY['traceability_chain_handover_idx', 'traceability_chain_pkey', 'traceability_chain_product_sequence_key'], 'trace.traceability_chain: indexes');
SELECT triggers_are('trace', 'traceability_chain', ARRAY[]::name[], 'trace.traceability_chain: triggers');
SELECT policies_are('trace', 'traceability_chain', ARRAY['traceability_chain_delete_owner', 'traceability_chain_insert_owner', 'traceability_chain_select_all', 'traceability_chain_select_app', 'traceability_chain_select_owner', 'traceability_chain_select_readonly'], 'trace.traceability_chain: policies');

SELECT * FROM finish();
ROLLBACK;
