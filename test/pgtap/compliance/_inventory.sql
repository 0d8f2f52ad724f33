-- pgTAP: compliance — exactly these objects (an unexpected one fails). Later changes adding to compliance
-- extend these lists.
BEGIN;
SELECT plan(16);

SELECT tables_are('compliance', ARRAY['certifications', 'checkpoint_checks', 'standards'], 'compliance: tables');
SELECT views_are('compliance', ARRAY[]::name[], 'compliance: views');
SELECT materialized_views_are('compliance', ARRAY[]::name[], 'compliance: materialized views');
SELECT functions_are('compliance', ARRAY['check_product_compliance', 'is_certification_current'], 'compliance: functions');
SELECT enums_are('compliance', ARRAY['compliance_status', 'standard_category'], 'compliance: enums');
SELECT domains_are('compliance', ARRAY[]::name[], 'compliance: domains');
SELECT sequences_are('compliance', ARRAY['certifications_id_seq', 'checkpoint_checks_id_seq', 'standards_id_seq'], 'compliance: sequences');
SELECT indexes_are('compliance', 'certifications', ARRAY['certifications_one_valid_key', 'certifications_pkey', 'certifications_product_standard_issued_idx', 'certifications_standard_id_idx', 'certifications_standard_number_key'], 'compliance.certifications: indexes');
SELECT triggers_are('compliance', 'certifications', ARRAY['audit_capture', 'audit_capture_truncate', 'certifications_set_updated_at'], 'compliance.certifications: triggers');
SELECT policies_are('compliance', 'certifications', ARRAY['certifications_delete_app', 'certifications_insert_app', 'certifications_select_all', 'certifications_select_app', 'certifications_select_owner', 'certifications_select_readonly', 'certifications_update_app'], 'compliance.certifications: policies');
SELECT indexes_are('compliance', 'checkpoint_checks', ARRAY['checkpoint_checks_checked_by_idx', 'checkpoint_checks_checkpoint_standard_key', 'checkpoint_checks_compliance_status_idx', 'checkpoint_checks_pkey', 'checkpoint_checks_product_standard_checked_idx', 'checkpoint_checks_standard_id_idx'], 'compliance.checkpoint_checks: indexes');
SELECT triggers_are('compliance', 'checkpoint_checks', ARRAY[]::name[], 'compliance.checkpoint_checks: triggers');
SELECT policies_are('compliance', 'checkpoint_checks', ARRAY['checkpoint_checks_delete_app', 'checkpoint_checks_insert_app', 'checkpoint_checks_select_all', 'checkpoint_checks_select_app', 'checkpoint_checks_select_owner', 'checkpoint_checks_select_readonly', 'checkpoint_checks_update_app'], 'compliance.checkpoint_checks: policies');
SELECT indexes_are('compliance', 'standards', ARRAY['standards_active_category_idx', 'standards_category_idx', 'standards_pkey', 'standards_standard_code_key'], 'compliance.standards: indexes');
SELECT triggers_are('compliance', 'standards', ARRAY['standards_set_updated_at'], 'compliance.standards: triggers');
SELECT policies_are('compliance', 'standards', ARRAY['standards_delete_app', 'standards_insert_app', 'standards_select_all', 'standards_select_app', 'standards_select_owner', 'standards_select_readonly', 'standards_update_app'], 'compliance.standards: policies');

SELECT * FROM finish();
ROLLBACK;
