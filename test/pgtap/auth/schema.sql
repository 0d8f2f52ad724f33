-- pgTAP: auth/schema — the schema, its owner, who may use it, what new tables inherit (no
-- default SELECT for chain_readonly: auth tables hold secrets and grant column by column).
BEGIN;
SELECT plan(12);

SELECT has_schema('auth', 'auth: exists');
SELECT schema_owner_is('auth', 'chain_owner', 'auth: owned by chain_owner');
SELECT ok(pg_catalog.obj_description('auth'::regnamespace, 'pg_namespace') IS NOT NULL, 'auth: has a comment');
SELECT schema_privs_are('auth', 'chain_user', ARRAY['USAGE'], 'auth: chain_user has USAGE only');
SELECT schema_privs_are('auth', 'chain_app', ARRAY['USAGE'], 'auth: chain_app has USAGE only');
SELECT schema_privs_are('auth', 'chain_readonly', ARRAY['USAGE'], 'auth: chain_readonly has USAGE only');
SELECT schema_privs_are('auth', 'chain_analytics', ARRAY[]::text[], 'auth: chain_analytics has nothing');
SELECT schema_privs_are('auth', 'chain_auditor', ARRAY[]::text[], 'auth: chain_auditor has nothing');
SELECT schema_privs_are('auth', 'public', ARRAY[]::text[], 'auth: PUBLIC has nothing');

-- default privileges: a table created by chain_owner inherits them
SET LOCAL ROLE chain_owner;
CREATE TABLE auth.tmp_default_privs (id int);
RESET ROLE;
SELECT table_privs_are('auth', 'tmp_default_privs', 'chain_app', ARRAY['DELETE', 'INSERT', 'SELECT', 'UPDATE'],
                       'auth: new tables give chain_app DML (default privileges)');
SELECT table_privs_are('auth', 'tmp_default_privs', 'chain_readonly', ARRAY[]::text[],
                       'auth: new tables give chain_readonly nothing (secrets are granted column by column)');
SELECT table_privs_are('auth', 'tmp_default_privs', 'chain_user', ARRAY[]::text[],
                       'auth: new tables give chain_user nothing (default privileges)');

SELECT * FROM finish();
ROLLBACK;
