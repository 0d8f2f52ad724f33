-- pgTAP: nft — exactly these objects (an unexpected one fails). Later changes adding to nft
-- extend these lists.
BEGIN;
SELECT plan(13);

SELECT tables_are('nft', ARRAY['certificate_codes', 'certificates'], 'nft: tables');
SELECT views_are('nft', ARRAY[]::name[], 'nft: views');
SELECT materialized_views_are('nft', ARRAY[]::name[], 'nft: materialized views');
SELECT functions_are('nft', ARRAY['add_certificate_code', 'redeem_certificate_code'], 'nft: functions');
SELECT enums_are('nft', ARRAY['certificate_type'], 'nft: enums');
SELECT domains_are('nft', ARRAY[]::name[], 'nft: domains');
SELECT sequences_are('nft', ARRAY['certificate_codes_id_seq', 'certificates_id_seq'], 'nft: sequences');
SELECT indexes_are('nft', 'certificate_codes', ARRAY['certificate_codes_certificate_id_idx', 'certificate_codes_pkey', 'certificate_codes_unused_certificate_idx', 'certificate_codes_used_by_idx', 'certificate_codes_verification_code_hash_key'], 'nft.certificate_codes: indexes');
SELECT triggers_are('nft', 'certificate_codes', ARRAY[]::name[], 'nft.certificate_codes: triggers');
SELECT policies_are('nft', 'certificate_codes', ARRAY['certificate_codes_insert_owner', 'certificate_codes_select_app', 'certificate_codes_select_owner', 'certificate_codes_select_readonly', 'certificate_codes_update_owner'], 'nft.certificate_codes: policies');
SELECT indexes_are('nft', 'certificates', ARRAY['certificates_owner_id_idx', 'certificates_pkey', 'certificates_product_id_idx', 'certificates_token_id_key', 'certificates_tx_hash_key', 'certificates_valid_product_idx'], 'nft.certificates: indexes');
SELECT triggers_are('nft', 'certificates', ARRAY['audit_capture', 'audit_capture_truncate', 'certificates_set_updated_at'], 'nft.certificates: triggers');
SELECT policies_are('nft', 'certificates', ARRAY['certificates_delete_app', 'certificates_insert_app', 'certificates_select_all', 'certificates_select_app', 'certificates_select_owner', 'certificates_select_readonly', 'certificates_update_app'], 'nft.certificates: policies');

SELECT * FROM finish();
ROLLBACK;
