-- pgTAP: audit/schema — the schema audit, readable by chain_auditor only.
BEGIN;
SELECT plan(8);

SELECT has_schema('audit', 'audit: exists');
SELECT schema_owner_is('audit', 'chain_owner', 'audit: owned by chain_owner');
SELECT ok(pg_catalog.obj_description('audit'::regnamespace, 'pg_namespace') IS NOT NULL, 'audit: has a comment');
SELECT schema_privs_are('audit', 'chain_auditor', ARRAY['USAGE'], 'audit: chain_auditor has USAGE');
SELECT schema_privs_are('audit', 'chain_app', ARRAY['USAGE'], 'audit: chain_app has USAGE (to record system events)');
SELECT schema_privs_are('audit', 'chain_user', ARRAY[]::text[], 'audit: chain_user has nothing');
SELECT schema_privs_are('audit', 'chain_readonly', ARRAY[]::text[], 'audit: chain_readonly has nothing');
SELECT schema_privs_are('audit', 'public', ARRAY[]::text[], 'audit: PUBLIC has nothing');

SELECT * FROM finish();
ROLLBACK;
