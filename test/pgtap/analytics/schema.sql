-- pgTAP: analytics/schema — read by chain_analytics, chain_app and chain_readonly; written by the owner only.
BEGIN;
SELECT plan(13);

SELECT has_schema('analytics', 'analytics: exists');
SELECT schema_owner_is('analytics', 'chain_owner', 'analytics: owned by chain_owner');
SELECT ok(pg_catalog.obj_description('analytics'::regnamespace, 'pg_namespace') IS NOT NULL, 'analytics: has a comment');
SELECT schema_privs_are('analytics', r, ARRAY['USAGE'], 'analytics: ' || r || ' has USAGE only')
  FROM pg_catalog.unnest(ARRAY['chain_analytics', 'chain_app', 'chain_readonly']) AS r;
SELECT schema_privs_are('analytics', 'chain_user', ARRAY[]::text[], 'analytics: chain_user has nothing (no RLS on matviews)');
SELECT schema_privs_are('analytics', 'public', ARRAY[]::text[], 'analytics: PUBLIC has nothing');

SET LOCAL ROLE chain_owner;
CREATE TABLE analytics.tmp_default_privs (id int);
CREATE MATERIALIZED VIEW analytics.tmp_default_mv AS SELECT 1 AS id;
RESET ROLE;
SELECT table_privs_are('analytics', 'tmp_default_privs', r, ARRAY['SELECT'],
                       'analytics: new tables give ' || r || ' SELECT only (default privileges)')
  FROM pg_catalog.unnest(ARRAY['chain_analytics', 'chain_app', 'chain_readonly']) AS r;
SELECT table_privs_are('analytics', 'tmp_default_privs', 'chain_user', ARRAY[]::text[],
                       'analytics: new tables give chain_user nothing (default privileges)');
SELECT ok(pg_catalog.has_table_privilege('chain_analytics', 'analytics.tmp_default_mv', 'SELECT'),
          'analytics: new materialized views are readable by chain_analytics (default privileges)');

SELECT * FROM finish();
ROLLBACK;
