-- pgTAP: maint/schema — the owner-only schema maint.
BEGIN;
SELECT plan(5);

SELECT has_schema('maint', 'maint: exists');
SELECT schema_owner_is('maint', 'chain_owner', 'maint: owned by chain_owner');
SELECT ok(pg_catalog.obj_description('maint'::regnamespace, 'pg_namespace') IS NOT NULL, 'maint: has a comment');
SELECT schema_privs_are('maint', 'public', ARRAY[]::text[], 'maint: PUBLIC has nothing');
SELECT is((SELECT pg_catalog.array_agg(x ORDER BY x) FROM pg_catalog.unnest(ARRAY['chain_app', 'chain_user', 'chain_readonly',
             'chain_analytics', 'chain_auditor', 'chain_monitor']) AS x WHERE pg_catalog.has_schema_privilege(x, 'maint', 'USAGE')),
          NULL, 'maint: no chain login role has USAGE');

SELECT * FROM finish();
ROLLBACK;
