-- pgTAP: trading/schema — the schema, its owner, who may use it, what new tables inherit.
BEGIN;
SELECT plan(9);

SELECT has_schema('trading', 'trading: exists');
SELECT schema_owner_is('trading', 'chain_owner', 'trading: owned by chain_owner');
SELECT ok(pg_catalog.obj_description('trading'::regnamespace, 'pg_namespace') IS NOT NULL, 'trading: has a comment');
SELECT schema_privs_are('trading', 'chain_user', ARRAY['USAGE'], 'trading: chain_user has USAGE only');
SELECT schema_privs_are('trading', 'chain_app', ARRAY['USAGE'], 'trading: chain_app has USAGE only');
SELECT schema_privs_are('trading', 'chain_readonly', ARRAY['USAGE'], 'trading: chain_readonly has USAGE only');
SELECT schema_privs_are('trading', 'public', ARRAY[]::text[], 'trading: PUBLIC has nothing');

-- default privileges: a table created by chain_owner inherits them
SET LOCAL ROLE chain_owner;
CREATE TABLE trading.tmp_default_privs (id int);
RESET ROLE;
SELECT table_privs_are('trading', 'tmp_default_privs', 'chain_app', ARRAY['DELETE', 'INSERT', 'SELECT', 'UPDATE'],
                       'trading: new tables give chain_app DML (default privileges)');
SELECT table_privs_are('trading', 'tmp_default_privs', 'chain_user', ARRAY[]::text[],
                       'trading: new tables give chain_user nothing (default privileges)');

SELECT * FROM finish();
ROLLBACK;
