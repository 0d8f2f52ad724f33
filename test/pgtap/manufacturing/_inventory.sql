-- pgTAP: manufacturing — exactly these objects (an unexpected one fails). Later changes adding to manufacturing
-- extend these lists.
BEGIN;
SELECT plan(16);

SELECT tables_are('manufacturing', ARRAY['milestones', 'orders', 'quality_assurance'], 'manufacturing: tables');
SELECT views_are('manufacturing', ARRAY[]::name[], 'manufacturing: views');
SELECT materialized_views_are('manufacturing', ARRAY[]::name[], 'manufacturing: materialized views');
SELECT functions_are('manufacturing', ARRAY['check_milestone_total', 'check_order_total', 'order_progress', 'party_order_ids'], 'manufacturing: functions');
SELECT enums_are('manufacturing', ARRAY['milestone_status', 'order_status', 'qa_result'], 'manufacturing: enums');
SELECT domains_are('manufacturing', ARRAY[]::name[], 'manufacturing: domains');
SELECT sequences_are('manufacturing', ARRAY['milestones_id_seq', 'orders_id_seq', 'quality_assurance_id_seq'], 'manufacturing: sequences');
SELECT indexes_are('manufacturing', 'milestones', ARRAY['milestones_order_id_sequence_no_key', 'milestones_pkey'], 'manufacturing.milestones: indexes');
SELECT triggers_are('manufacturing', 'milestones', ARRAY['milestones_set_updated_at', 'milestones_within_total', 'milestones_state_machine'], 'manufacturing.milestones: triggers');
SELECT policies_are('manufacturing', 'milestones', ARRAY['milestones_delete_app', 'milestones_insert_app', 'milestones_select_app', 'milestones_select_party', 'milestones_select_owner', 'milestones_select_readonly', 'milestones_update_app'], 'manufacturing.milestones: policies');
SELECT indexes_are('manufacturing', 'orders', ARRAY['orders_asset_id_idx', 'orders_customer_id_idx', 'orders_manufacturer_id_idx', 'orders_pkey', 'orders_status_idx'], 'manufacturing.orders: indexes');
SELECT triggers_are('manufacturing', 'orders', ARRAY['orders_set_updated_at', 'orders_total_covers_milestones', 'orders_state_machine'], 'manufacturing.orders: triggers');
SELECT policies_are('manufacturing', 'orders', ARRAY['orders_delete_app', 'orders_insert_app', 'orders_select_app', 'orders_select_party', 'orders_select_readonly', 'orders_update_app', 'orders_select_owner'], 'manufacturing.orders: policies');
SELECT indexes_are('manufacturing', 'quality_assurance', ARRAY['quality_assurance_inspector_id_idx', 'quality_assurance_order_id_inspected_at_idx', 'quality_assurance_pkey'], 'manufacturing.quality_assurance: indexes');
SELECT triggers_are('manufacturing', 'quality_assurance', ARRAY[]::name[], 'manufacturing.quality_assurance: triggers');
SELECT policies_are('manufacturing', 'quality_assurance', ARRAY['quality_assurance_delete_app', 'quality_assurance_insert_app', 'quality_assurance_select_app', 'quality_assurance_select_party', 'quality_assurance_select_readonly', 'quality_assurance_update_app', 'quality_assurance_select_owner'], 'manufacturing.quality_assurance: policies');

SELECT * FROM finish();
ROLLBACK;
