-- pgTAP: archive/schema — owner-only; chain_auditor reads every archive table, chain_analytics only
-- what each table grants it (archiving never widens access: no default privilege for it).
BEGIN;
SELECT plan(14);

SELECT has_schema('archive', 'archive: exists');
SELECT schema_owner_is('archive', 'chain_owner', 'archive: owned by chain_owner');
SELECT ok(pg_catalog.obj_description('archive'::regnamespace, 'pg_namespace') IS NOT NULL, 'archive: has a comment');
SELECT schema_privs_are('archive', r, ARRAY['USAGE'], 'archive: ' || r || ' has USAGE only')
  FROM pg_catalog.unnest(ARRAY['chain_auditor', 'chain_analytics']) AS r;
SELECT schema_privs_are('archive', r, ARRAY[]::text[], 'archive: ' || r || ' has nothing')
  FROM pg_catalog.unnest(ARRAY['chain_app', 'chain_user', 'chain_readonly', 'chain_monitor', 'public']) AS r;

SET LOCAL ROLE chain_owner;
CREATE TABLE archive.tmp_default_privs (id int);
RESET ROLE;
SELECT table_privs_are('archive', 'tmp_default_privs', 'chain_auditor', ARRAY['SELECT'],
                       'archive: new tables give chain_auditor SELECT only (default privileges)');
SELECT table_privs_are('archive', 'tmp_default_privs', 'chain_analytics', ARRAY[]::text[],
                       'archive: new tables give chain_analytics nothing (archiving never widens access: each table grants it)');
SELECT table_privs_are('archive', 'tmp_default_privs', 'chain_app', ARRAY[]::text[],
                       'archive: new tables give chain_app nothing (default privileges)');
SELECT table_privs_are('archive', 'tmp_default_privs', 'chain_readonly', ARRAY[]::text[],
                       'archive: new tables give chain_readonly nothing (default privileges)');

SELECT * FROM finish();
ROLLBACK;
