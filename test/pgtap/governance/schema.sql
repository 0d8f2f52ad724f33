-- pgTAP: governance/schema — the schema, its owner, who may use it, what new tables inherit.
BEGIN;
SELECT plan(9);

SELECT has_schema('governance', 'governance: exists');
SELECT schema_owner_is('governance', 'chain_owner', 'governance: owned by chain_owner');
SELECT ok(pg_catalog.obj_description('governance'::regnamespace, 'pg_namespace') IS NOT NULL, 'governance: has a comment');
SELECT schema_privs_are('governance', 'chain_user', ARRAY['USAGE'], 'governance: chain_user has USAGE only');
SELECT schema_privs_are('governance', 'chain_app', ARRAY['USAGE'], 'governance: chain_app has USAGE only');
SELECT schema_privs_are('governance', 'chain_readonly', ARRAY['USAGE'], 'governance: chain_readonly has USAGE only');
SELECT schema_privs_are('governance', 'public', ARRAY[]::text[], 'governance: PUBLIC has nothing');

-- default privileges: a table created by chain_owner inherits them
SET LOCAL ROLE chain_owner;
CREATE TABLE governance.tmp_default_privs (id int);
RESET ROLE;
SELECT table_privs_are('governance', 'tmp_default_privs', 'chain_app', ARRAY['DELETE', 'INSERT', 'SELECT', 'UPDATE'],
                       'governance: new tables give chain_app DML (default privileges)');
SELECT table_privs_are('governance', 'tmp_default_privs', 'chain_user', ARRAY[]::text[],
                       'governance: new tables give chain_user nothing (default privileges)');

SELECT * FROM finish();
ROLLBACK;
