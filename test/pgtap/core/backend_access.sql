-- pgTAP: core/backend_access — core.enable_backend_access(regclass) and core.enable_schema_access(regnamespace),
-- tried on throw-away objects created as chain_owner (a deploy script's role).
BEGIN;
SELECT plan(53);

SELECT tests.function_conventions('core.enable_backend_access(regclass)');
SELECT tests.function_conventions('core.enable_schema_access(regnamespace)');
SELECT function_returns('core', 'enable_backend_access', ARRAY['regclass'], 'void', 'core.enable_backend_access(): returns void');
SELECT function_returns('core', 'enable_schema_access', ARRAY['regnamespace'], 'void', 'core.enable_schema_access(): returns void');

-- a table as a deploy script creates it
SELECT tests.act_as_role('chain_owner');
CREATE TABLE core.tmp_access (id bigint PRIMARY KEY, user_id bigint NOT NULL, note text);
CREATE INDEX tmp_access_user_id_idx ON core.tmp_access (user_id);
COMMENT ON TABLE core.tmp_access IS 'test';
COMMENT ON COLUMN core.tmp_access.id IS 'test';
COMMENT ON COLUMN core.tmp_access.user_id IS 'test';
COMMENT ON COLUMN core.tmp_access.note IS 'test';
COMMENT ON INDEX core.tmp_access_user_id_idx IS 'test';
GRANT SELECT ON core.tmp_access TO PUBLIC;   -- the helper takes it away
REVOKE ALL ON core.tmp_access FROM chain_app, chain_readonly;
SELECT lives_ok($$SELECT core.enable_backend_access('core.tmp_access')$$, 'core.enable_backend_access(): chain_owner enables a table');
SELECT lives_ok($$SELECT core.enable_backend_access('core.tmp_access')$$, 'core.enable_backend_access(): idempotent');
SELECT tests.reset_role();

SELECT tests.table_conventions('core.tmp_access');
SELECT policies_are('core', 'tmp_access',
                    ARRAY['tmp_access_select_app', 'tmp_access_insert_app', 'tmp_access_update_app', 'tmp_access_delete_app',
                          'tmp_access_select_readonly', 'tmp_access_select_owner'],
                    'core.enable_backend_access(): creates the four chain_app policies, the chain_readonly one and the chain_owner read one');
SELECT set_eq($$SELECT polname::text, polcmd::text, polroles::regrole[]::text, pg_catalog.pg_get_expr(polqual, polrelid) AS q,
                       pg_catalog.pg_get_expr(polwithcheck, polrelid) AS c
                  FROM pg_catalog.pg_policy WHERE polrelid = 'core.tmp_access'::regclass$$,
              $$VALUES ('tmp_access_select_app', 'r', '{chain_app}', 'true', NULL::text),
                       ('tmp_access_insert_app', 'a', '{chain_app}', NULL, 'true'),
                       ('tmp_access_update_app', 'w', '{chain_app}', 'true', 'true'),
                       ('tmp_access_delete_app', 'd', '{chain_app}', 'true', NULL),
                       ('tmp_access_select_readonly', 'r', '{chain_readonly}', 'true', NULL),
                       ('tmp_access_select_owner', 'r', '{chain_owner}', 'true', NULL)$$,
              'core.enable_backend_access(): each policy for one command and one role, USING/WITH CHECK true');
SELECT is((SELECT pg_catalog.count(*)::int FROM pg_catalog.pg_policy
            WHERE polrelid = 'core.tmp_access'::regclass
              AND pg_catalog.obj_description(oid, 'pg_policy') LIKE '%(core.enable_backend_access)'), 6,
          'core.enable_backend_access(): comments every policy it creates');
SELECT ok((SELECT relrowsecurity AND relforcerowsecurity FROM pg_catalog.pg_class WHERE oid = 'core.tmp_access'::regclass),
          'core.enable_backend_access(): enables and forces RLS');
SELECT table_privs_are('core', 'tmp_access', 'chain_app', ARRAY['DELETE', 'INSERT', 'SELECT', 'UPDATE'],
                       'core.enable_backend_access(): chain_app gets DML');
SELECT table_privs_are('core', 'tmp_access', 'chain_readonly', ARRAY['SELECT'],
                       'core.enable_backend_access(): chain_readonly gets SELECT');
SELECT table_privs_are('core', 'tmp_access', 'chain_user', ARRAY[]::text[],
                       'core.enable_backend_access(): chain_user gets nothing');
SELECT table_privs_are('core', 'tmp_access', 'public', ARRAY[]::text[],
                       'core.enable_backend_access(): PUBLIC loses what it had');

-- behaviour of what it set up
INSERT INTO core.tmp_access VALUES (1, 1, 'a'), (2, 2, 'b');
SELECT tests.act_as_role('chain_app');
SELECT is((SELECT pg_catalog.count(*)::int FROM core.tmp_access), 2, 'core.enable_backend_access(): chain_app reads every row');
SELECT lives_ok($$INSERT INTO core.tmp_access VALUES (3, 3, 'c'); UPDATE core.tmp_access SET note = 'x' WHERE id = 3;
                  DELETE FROM core.tmp_access WHERE id = 3$$,
                'core.enable_backend_access(): chain_app inserts, updates and deletes');
SELECT tests.act_as_role('chain_readonly');
SELECT is((SELECT pg_catalog.count(*)::int FROM core.tmp_access), 2, 'core.enable_backend_access(): chain_readonly reads every row');
SELECT throws_ok($$DELETE FROM core.tmp_access$$, '42501', NULL, 'core.enable_backend_access(): chain_readonly cannot write');
SELECT tests.act_as(1);
SELECT throws_ok($$SELECT 1 FROM core.tmp_access$$, '42501', NULL,
                 'core.enable_backend_access(): chain_user has no access until the table grants it');
SELECT tests.reset_role();

-- a policy narrowed after the call survives a second call
SELECT tests.act_as_role('chain_owner');
ALTER POLICY tmp_access_select_readonly ON core.tmp_access USING (user_id = 1);
SELECT core.enable_backend_access('core.tmp_access');
SELECT tests.reset_role();
SELECT is((SELECT pg_catalog.pg_get_expr(polqual, polrelid) FROM pg_catalog.pg_policy
            WHERE polrelid = 'core.tmp_access'::regclass AND polname = 'tmp_access_select_readonly'),
          '(user_id = 1)', 'core.enable_backend_access(): keeps an existing policy of the same name');

-- secrets hidden column-wise stay hidden
SELECT tests.act_as_role('chain_owner');
CREATE TABLE core.tmp_secret (id bigint PRIMARY KEY, secret text);
REVOKE ALL ON core.tmp_secret FROM chain_readonly;
GRANT SELECT (id) ON core.tmp_secret TO chain_readonly;
SELECT core.enable_backend_access('core.tmp_secret');
SELECT tests.reset_role();
SELECT table_privs_are('core', 'tmp_secret', 'chain_readonly', ARRAY[]::text[],
                       'core.enable_backend_access(): no table-wide SELECT for chain_readonly when it has column privileges');
SELECT ok(pg_catalog.has_column_privilege('chain_readonly', 'core.tmp_secret', 'id', 'SELECT')
          AND NOT pg_catalog.has_column_privilege('chain_readonly', 'core.tmp_secret', 'secret', 'SELECT'),
          'core.enable_backend_access(): a column hidden from chain_readonly stays hidden');

-- refusals
CREATE VIEW core.tmp_access_view AS SELECT 1 AS x;
SELECT throws_ok($$SELECT core.enable_backend_access('core.tmp_access_view')$$, '42809', NULL,
                 'core.enable_backend_access(): refuses a view');
SELECT tests.act_as_role('chain_app');
SELECT throws_ok($$SELECT core.enable_backend_access('core.tmp_access')$$, '42501', NULL,
                 'core.enable_backend_access(): chain_app cannot execute it');
SELECT throws_ok($$SELECT core.enable_schema_access('core')$$, '42501', NULL,
                 'core.enable_schema_access(): chain_app cannot execute it');
SELECT tests.reset_role();

-- a schema as a deploy script creates it
CREATE SCHEMA tmp_access_schema AUTHORIZATION chain_owner;
COMMENT ON SCHEMA tmp_access_schema IS 'test';
GRANT USAGE ON SCHEMA tmp_access_schema TO PUBLIC;   -- the helper takes it away
SELECT tests.act_as_role('chain_owner');
SELECT lives_ok($$SELECT core.enable_schema_access('tmp_access_schema')$$, 'core.enable_schema_access(): chain_owner grants a schema');
SELECT lives_ok($$SELECT core.enable_schema_access('tmp_access_schema')$$, 'core.enable_schema_access(): idempotent');
SELECT tests.reset_role();
SELECT tests.schema_conventions('tmp_access_schema');
SELECT is((SELECT pg_catalog.count(*)::int FROM pg_catalog.pg_default_acl
            WHERE defaclrole = 'chain_owner'::regrole AND defaclnamespace = 'tmp_access_schema'::regnamespace), 2,
          'core.enable_schema_access(): default privileges for tables and sequences, nothing else');
SELECT tests.act_as_role('chain_owner');
CREATE SEQUENCE tmp_access_schema.tmp_seq;
SELECT tests.reset_role();
SELECT sequence_privs_are('tmp_access_schema', 'tmp_seq', 'chain_app', ARRAY['SELECT', 'USAGE'],
                          'core.enable_schema_access(): new sequences give chain_app USAGE, SELECT');

SELECT * FROM finish();
ROLLBACK;
