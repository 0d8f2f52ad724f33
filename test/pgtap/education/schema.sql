-- pgTAP: education/schema — the schema, its owner, who may use it, what new tables inherit.
BEGIN;
SELECT plan(10);

SELECT has_schema('education', 'education: exists');
SELECT schema_owner_is('education', 'chain_owner', 'education: owned by chain_owner');
SELECT ok(pg_catalog.obj_description('education'::regnamespace, 'pg_namespace') IS NOT NULL, 'education: has a comment');
SELECT schema_privs_are('education', 'chain_user', ARRAY['USAGE'], 'education: chain_user has USAGE only');
SELECT schema_privs_are('education', 'chain_app', ARRAY['USAGE'], 'education: chain_app has USAGE only');
SELECT schema_privs_are('education', 'chain_readonly', ARRAY['USAGE'], 'education: chain_readonly has USAGE only');
SELECT schema_privs_are('education', 'public', ARRAY[]::text[], 'education: PUBLIC has nothing');

-- default privileges: a table created by chain_owner inherits them
SET LOCAL ROLE chain_owner;
CREATE TABLE education.tmp_default_privs (id int);
RESET ROLE;
SELECT table_privs_are('education', 'tmp_default_privs', 'chain_app', ARRAY['DELETE', 'INSERT', 'SELECT', 'UPDATE'],
                       'education: new tables give chain_app DML (default privileges)');
SELECT table_privs_are('education', 'tmp_default_privs', 'chain_readonly', ARRAY['SELECT'],
                       'education: new tables give chain_readonly SELECT (default privileges)');
SELECT table_privs_are('education', 'tmp_default_privs', 'chain_user', ARRAY[]::text[],
                       'education: new tables give chain_user nothing (default privileges)');

SELECT * FROM finish();
ROLLBACK;
