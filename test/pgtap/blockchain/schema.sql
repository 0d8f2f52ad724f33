-- pgTAP: blockchain/schema — the schema, its owner, who may use it, what new tables inherit.
BEGIN;
SELECT plan(9);

SELECT has_schema('blockchain', 'blockchain: exists');
SELECT schema_owner_is('blockchain', 'chain_owner', 'blockchain: owned by chain_owner');
SELECT ok(pg_catalog.obj_description('blockchain'::regnamespace, 'pg_namespace') IS NOT NULL, 'blockchain: has a comment');
SELECT schema_privs_are('blockchain', 'chain_user', ARRAY['USAGE'], 'blockchain: chain_user has USAGE only');
SELECT schema_privs_are('blockchain', 'chain_app', ARRAY['USAGE'], 'blockchain: chain_app has USAGE only');
SELECT schema_privs_are('blockchain', 'chain_readonly', ARRAY['USAGE'], 'blockchain: chain_readonly has USAGE only');
SELECT schema_privs_are('blockchain', 'public', ARRAY[]::text[], 'blockchain: PUBLIC has nothing');

-- default privileges: a table created by chain_owner inherits them
SET LOCAL ROLE chain_owner;
CREATE TABLE blockchain.tmp_default_privs (id int);
RESET ROLE;
SELECT table_privs_are('blockchain', 'tmp_default_privs', 'chain_app', ARRAY['DELETE', 'INSERT', 'SELECT', 'UPDATE'],
                       'blockchain: new tables give chain_app DML (default privileges)');
SELECT table_privs_are('blockchain', 'tmp_default_privs', 'chain_user', ARRAY[]::text[],
                       'blockchain: new tables give chain_user nothing (default privileges)');

SELECT * FROM finish();
ROLLBACK;
