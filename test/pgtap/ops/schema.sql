-- pgTAP: ops/schema — schema ops: backend tables, no end-user access; what new tables inherit.
BEGIN;
SELECT plan(12);

SELECT has_schema('ops', 'ops: exists');
SELECT schema_owner_is('ops', 'chain_owner', 'ops: owned by chain_owner');
SELECT ok(pg_catalog.obj_description('ops'::regnamespace, 'pg_namespace') IS NOT NULL, 'ops: has a comment');
SELECT schema_privs_are('ops', r, ARRAY['USAGE'], 'ops: ' || r || ' has USAGE only')
  FROM pg_catalog.unnest(ARRAY['chain_app', 'chain_readonly', 'chain_analytics', 'chain_monitor']) AS r;
SELECT schema_privs_are('ops', 'chain_user', ARRAY[]::text[], 'ops: chain_user has nothing (Firebase uids, no end-user RLS)');
SELECT schema_privs_are('ops', 'public', ARRAY[]::text[], 'ops: PUBLIC has nothing');

SET LOCAL ROLE chain_owner;
CREATE TABLE ops.tmp_default_privs (id int);
RESET ROLE;
SELECT table_privs_are('ops', 'tmp_default_privs', 'chain_app', ARRAY['DELETE', 'INSERT', 'SELECT', 'UPDATE'],
                       'ops: new tables give chain_app DML (default privileges)');
SELECT table_privs_are('ops', 'tmp_default_privs', 'chain_readonly', ARRAY['SELECT'],
                       'ops: new tables give chain_readonly SELECT (default privileges)');
SELECT table_privs_are('ops', 'tmp_default_privs', 'chain_user', ARRAY[]::text[],
                       'ops: new tables give chain_user nothing (default privileges)');

SELECT * FROM finish();
ROLLBACK;
