-- pgTAP: compliance/enums — labels, comments and owner of the compliance enums.
BEGIN;
SELECT plan(8);

-- structure (from the deployed catalog)
SELECT enum_has_labels('compliance', 'standard_category', ARRAY['safety', 'quality', 'environmental', 'regulatory']::name[], 'compliance.standard_category: labels safety, quality, environmental, regulatory');
SELECT ok(pg_catalog.obj_description('compliance.standard_category'::regtype, 'pg_type') IS NOT NULL, 'compliance.standard_category: has a comment');
SELECT is((SELECT typowner::regrole::text FROM pg_catalog.pg_type WHERE oid = 'compliance.standard_category'::regtype), 'chain_owner', 'compliance.standard_category: owned by chain_owner');
SELECT enum_has_labels('compliance', 'compliance_status', ARRAY['pending', 'passed', 'failed', 'exempt']::name[], 'compliance.compliance_status: labels pending, passed, failed, exempt');
SELECT ok(pg_catalog.obj_description('compliance.compliance_status'::regtype, 'pg_type') IS NOT NULL, 'compliance.compliance_status: has a comment');
SELECT is((SELECT typowner::regrole::text FROM pg_catalog.pg_type WHERE oid = 'compliance.compliance_status'::regtype), 'chain_owner', 'compliance.compliance_status: owned by chain_owner');

-- behaviour
SELECT throws_ok($$SELECT 'ethical'::compliance.standard_category$$, '22P02', NULL, 'compliance.standard_category: rejects an unknown category');
SELECT throws_ok($$SELECT 'maybe'::compliance.compliance_status$$, '22P02', NULL, 'compliance.compliance_status: rejects an unknown status');

SELECT * FROM finish();
ROLLBACK;
