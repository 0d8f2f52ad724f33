-- pgTAP: diag privileges — every diag function meets tests.function_conventions (owner, comment,
-- not PUBLIC, search_path pinned), is SECURITY DEFINER, and is executable by chain_monitor alone: chain_readonly, chain_user and the
-- other chain roles cannot call any of it (no USAGE on the schema, no EXECUTE).
BEGIN;
SELECT plan(210);

CREATE TEMP TABLE diag_functions ON COMMIT DROP AS
SELECT p.oid::regprocedure AS fn, p.oid::regprocedure::text AS name,
       'SELECT * FROM ' || p.oid::regproc::text || '(' || pg_catalog.array_to_string(pg_catalog.array_fill('NULL'::text, ARRAY[p.pronargs]), ', ') || ')' AS call
  FROM pg_catalog.pg_proc AS p
 WHERE p.pronamespace = 'diag'::regnamespace
   AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend AS d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e');
GRANT SELECT ON diag_functions TO chain_readonly, chain_user;

SELECT is((SELECT pg_catalog.count(*)::int FROM diag_functions), 23, 'diag: 23 functions checked');
SELECT ok(p.prosecdef AND p.proconfig @> ARRAY['search_path=pg_catalog, pg_temp'], f.name || ': security definer, search_path pinned')
  FROM diag_functions AS f JOIN pg_catalog.pg_proc AS p ON p.oid = f.fn ORDER BY f.name;
SELECT tests.function_conventions(f.fn) FROM diag_functions AS f ORDER BY f.name;
SELECT ok(pg_catalog.has_function_privilege('chain_monitor', f.fn, 'EXECUTE'), f.name || ': chain_monitor may execute it')
  FROM diag_functions AS f ORDER BY f.name;
SELECT is((SELECT pg_catalog.array_agg(r ORDER BY r) FROM pg_catalog.unnest(ARRAY['public', 'chain_app', 'chain_user', 'chain_readonly', 'chain_authenticator',
             'chain_analytics', 'chain_auditor']) AS r WHERE pg_catalog.has_function_privilege(r, f.fn, 'EXECUTE')),
          NULL, f.name || ': no other role may execute it')
  FROM diag_functions AS f ORDER BY f.name;

-- calling, as each role
SELECT tests.act_as_role('chain_readonly');
SELECT throws_ok(f.call, '42501', NULL, f.name || ': chain_readonly cannot call it') FROM diag_functions AS f ORDER BY f.name;
SELECT tests.reset_role();
SELECT tests.act_as(1);
SELECT throws_ok(f.call, '42501', NULL, f.name || ': chain_user cannot call it') FROM diag_functions AS f ORDER BY f.name;
SELECT tests.reset_role();
SELECT tests.act_as_role('chain_monitor');
SELECT lives_ok($$SELECT * FROM diag.health()$$, 'diag.health(): chain_monitor calls it');
SELECT lives_ok($$SELECT * FROM diag.table_sizes()$$, 'diag.table_sizes(): chain_monitor calls it');

SELECT * FROM finish();
ROLLBACK;
