-- pgTAP: diag/schema — the schema diag, for chain_monitor only; pg_stat_statements installed in it.
BEGIN;
SELECT plan(12);

SELECT has_schema('diag', 'diag: exists');
SELECT schema_owner_is('diag', 'chain_owner', 'diag: owned by chain_owner');
SELECT ok(pg_catalog.obj_description('diag'::regnamespace, 'pg_namespace') IS NOT NULL, 'diag: has a comment');
SELECT schema_privs_are('diag', 'chain_monitor', ARRAY['USAGE'], 'diag: chain_monitor has USAGE');
SELECT schema_privs_are('diag', 'public', ARRAY[]::text[], 'diag: PUBLIC has nothing');
SELECT is((SELECT pg_catalog.array_agg(x ORDER BY x) FROM pg_catalog.unnest(ARRAY['chain_app', 'chain_user', 'chain_readonly', 'chain_authenticator',
             'chain_analytics', 'chain_auditor']) AS x WHERE pg_catalog.has_schema_privilege(x, 'diag', 'USAGE')),
          NULL, 'diag: no other chain role has USAGE');
SELECT is((SELECT e.extnamespace::regnamespace::text FROM pg_catalog.pg_extension AS e WHERE e.extname = 'pg_stat_statements'),
          'diag', 'diag: pg_stat_statements is installed in it (the server offers it)');
SELECT ok(NOT pg_catalog.has_function_privilege('chain_monitor', 'diag.pg_stat_statements_reset(oid, oid, bigint)', 'EXECUTE'),
          'diag: chain_monitor cannot reset pg_stat_statements');

-- default privileges: a table created in diag by chain_owner is readable by chain_monitor only
SET LOCAL ROLE chain_owner;
CREATE TABLE diag.tmp_default_privs (id int);
RESET ROLE;
SELECT table_privs_are('diag', 'tmp_default_privs', 'chain_monitor', ARRAY['SELECT'],
                       'diag: new tables give chain_monitor SELECT (default privileges)');
SELECT table_privs_are('diag', 'tmp_default_privs', 'chain_app', ARRAY[]::text[],
                       'diag: new tables give chain_app nothing (default privileges)');

SELECT tests.act_as_role('chain_readonly');
SELECT throws_ok($$SELECT * FROM diag.pg_stat_statements$$, '42501', NULL,
                 'diag: chain_readonly cannot read pg_stat_statements through it');
SELECT tests.reset_role();
SELECT tests.act_as(1);
SELECT throws_ok($$SELECT * FROM diag.health_thresholds$$, '42501', NULL,
                 'diag: chain_user reaches nothing in it');

SELECT * FROM finish();
ROLLBACK;
