-- pgTAP: core/schema — the schema, its owner, who may use it, what new tables inherit.
BEGIN;
SELECT plan(9);

SELECT has_schema('core', 'core: exists');
SELECT schema_owner_is('core', 'chain_owner', 'core: owned by chain_owner');
SELECT ok(pg_catalog.obj_description('core'::regnamespace, 'pg_namespace') IS NOT NULL, 'core: has a comment');
SELECT schema_privs_are('core', 'chain_user', ARRAY['USAGE'], 'core: chain_user has USAGE only');
SELECT schema_privs_are('core', 'chain_app', ARRAY['USAGE'], 'core: chain_app has USAGE only');
SELECT schema_privs_are('core', 'chain_readonly', ARRAY['USAGE'], 'core: chain_readonly has USAGE only');
SELECT schema_privs_are('core', 'public', ARRAY[]::text[], 'core: PUBLIC has nothing');

-- default privileges: a table created by chain_owner inherits them
SET LOCAL ROLE chain_owner;
CREATE TABLE core.tmp_default_privs (id int);
RESET ROLE;
SELECT table_privs_are('core', 'tmp_default_privs', 'chain_app', ARRAY['DELETE', 'INSERT', 'SELECT', 'UPDATE'],
                       'core: new tables give chain_app DML (default privileges)');
SELECT table_privs_are('core', 'tmp_default_privs', 'chain_user', ARRAY[]::text[],
                       'core: new tables give chain_user nothing (default privileges)');

SELECT * FROM finish();
ROLLBACK;
