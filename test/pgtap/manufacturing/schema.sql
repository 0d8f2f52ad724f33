-- pgTAP: manufacturing/schema — the schema, its owner, who may use it, what new tables inherit.
BEGIN;
SELECT plan(9);

SELECT has_schema('manufacturing', 'manufacturing: exists');
SELECT schema_owner_is('manufacturing', 'chain_owner', 'manufacturing: owned by chain_owner');
SELECT ok(pg_catalog.obj_description('manufacturing'::regnamespace, 'pg_namespace') IS NOT NULL, 'manufacturing: has a comment');
SELECT schema_privs_are('manufacturing', 'chain_user', ARRAY['USAGE'], 'manufacturing: chain_user has USAGE only');
SELECT schema_privs_are('manufacturing', 'chain_app', ARRAY['USAGE'], 'manufacturing: chain_app has USAGE only');
SELECT schema_privs_are('manufacturing', 'chain_readonly', ARRAY['USAGE'], 'manufacturing: chain_readonly has USAGE only');
SELECT schema_privs_are('manufacturing', 'public', ARRAY[]::text[], 'manufacturing: PUBLIC has nothing');

-- default privileges: a table created by chain_owner inherits them
SET LOCAL ROLE chain_owner;
CREATE TABLE manufacturing.tmp_default_privs (id int);
RESET ROLE;
SELECT table_privs_are('manufacturing', 'tmp_default_privs', 'chain_app', ARRAY['DELETE', 'INSERT', 'SELECT', 'UPDATE'],
                       'manufacturing: new tables give chain_app DML (default privileges)');
SELECT table_privs_are('manufacturing', 'tmp_default_privs', 'chain_user', ARRAY[]::text[],
                       'manufacturing: new tables give chain_user nothing (default privileges)');

SELECT * FROM finish();
ROLLBACK;
