-- pgTAP: roles/roles — the chain_* roles, their attributes and settings, and PUBLIC's losses.
BEGIN;
SELECT plan(92);

CREATE TEMP TABLE expected_roles (name name, can_login boolean, conn_limit int,
                                  stmt_timeout text, idle_timeout text, lock_timeout text) ON COMMIT DROP;
INSERT INTO expected_roles VALUES
    ('chain_owner',     false, -1,  NULL,    NULL,   NULL),
    ('chain_app',       true,  200, '15s',   '60s', '5s'),
    ('chain_user',      false, -1,  '5s',    '30s',  '2s'),
    ('chain_readonly',  true,  20,  '30s',   '60s', '5s'),
    ('chain_analytics', true,  5,   '30min', '5min', '30s'),
    ('chain_auditor',   true,  5,   '60s',  '60s', '5s'),
    ('chain_monitor',   true,  5,   '10s',   '30s',  '1s'),
    ('chain_authenticator', true, 100, '15s', '30s', '2s');

-- the value a role setting takes when the role logs in ('' when it has none)
CREATE FUNCTION pg_temp.role_setting(p_role name, p_name text) RETURNS text
LANGUAGE sql AS $$
    SELECT pg_catalog.split_part(c, '=', 2)
      FROM pg_catalog.pg_db_role_setting AS s, pg_catalog.unnest(s.setconfig) AS c
     WHERE s.setrole = p_role::regrole AND s.setdatabase = 0 AND pg_catalog.split_part(c, '=', 1) = p_name
$$;

SELECT has_role(name, name || ': exists') FROM expected_roles ORDER BY name;
SELECT isnt_superuser(name, name || ': not a superuser') FROM expected_roles ORDER BY name;
SELECT ok(NOT r.rolbypassrls AND NOT r.rolcreaterole AND NOT r.rolcreatedb AND NOT r.rolreplication,
          e.name || ': no BYPASSRLS, CREATEROLE, CREATEDB, REPLICATION')
  FROM expected_roles AS e JOIN pg_catalog.pg_roles AS r ON r.rolname = e.name ORDER BY e.name;
SELECT is(r.rolcanlogin, e.can_login, e.name || ': LOGIN is ' || e.can_login)
  FROM expected_roles AS e JOIN pg_catalog.pg_roles AS r ON r.rolname = e.name ORDER BY e.name;
SELECT is(r.rolconnlimit, e.conn_limit, e.name || ': connection limit ' || e.conn_limit)
  FROM expected_roles AS e JOIN pg_catalog.pg_roles AS r ON r.rolname = e.name ORDER BY e.name;
SELECT is(pg_temp.role_setting(e.name, 'statement_timeout'), e.stmt_timeout,
          e.name || ': statement_timeout ' || COALESCE(e.stmt_timeout, 'unset'))
  FROM expected_roles AS e ORDER BY e.name;
SELECT is(pg_temp.role_setting(e.name, 'idle_in_transaction_session_timeout'), e.idle_timeout,
          e.name || ': idle_in_transaction_session_timeout ' || COALESCE(e.idle_timeout, 'unset'))
  FROM expected_roles AS e ORDER BY e.name;
SELECT is(pg_temp.role_setting(e.name, 'lock_timeout'), e.lock_timeout,
          e.name || ': lock_timeout ' || COALESCE(e.lock_timeout, 'unset'))
  FROM expected_roles AS e ORDER BY e.name;

SELECT is(pg_temp.role_setting('chain_analytics', 'work_mem'), '256MB', 'chain_analytics: work_mem 256MB');
SELECT is_member_of('pg_monitor', ARRAY['chain_monitor'], 'chain_monitor: member of pg_monitor');
SELECT ok(NOT pg_catalog.pg_has_role(r, 'pg_monitor', 'MEMBER'), r || ': not a member of pg_monitor')
  FROM pg_catalog.unnest(ARRAY['chain_app', 'chain_user', 'chain_readonly']) AS r;
SELECT ok(pg_catalog.pg_has_role('chain_owner', 'pg_read_all_stats', 'MEMBER'),
          'chain_owner: member of pg_read_all_stats (the SECURITY DEFINER diag functions read every session)');
SELECT ok(pg_catalog.pg_has_role('chain_owner', 'pg_read_all_settings', 'MEMBER'),
          'chain_owner: member of pg_read_all_settings (diag.database_info() reads shared_preload_libraries)');
SELECT ok(NOT pg_catalog.pg_has_role('chain_owner', 'pg_monitor', 'MEMBER'), 'chain_owner: not a member of pg_monitor');
SELECT ok(pg_catalog.shobj_description(oid, 'pg_authid') IS NOT NULL, rolname || ': has a comment')
  FROM pg_catalog.pg_roles WHERE rolname IN (SELECT name FROM expected_roles) ORDER BY rolname;

SELECT ok(EXISTS (SELECT 1 FROM pg_catalog.pg_db_role_setting AS s, pg_catalog.unnest(s.setconfig) AS c
                   WHERE s.setrole = 'chain_owner'::regrole AND c = 'chaindb.deployed=roles/roles' AND s.setdatabase <> 0),
          'chain_owner: deployments are recorded per database (chaindb.deployed, read by the revert)');
SELECT ok(NOT pg_catalog.has_schema_privilege('public', 'public', 'CREATE'),
          'public: PUBLIC has no CREATE on the schema');
SELECT is((SELECT pg_catalog.count(*)::int FROM pg_catalog.pg_default_acl
            WHERE defaclrole = 'chain_owner'::regrole AND defaclnamespace = 0 AND defaclobjtype = 'f'
              AND NOT EXISTS (SELECT 1 FROM pg_catalog.aclexplode(defaclacl) AS a WHERE a.grantee = 0)),
          1, 'chain_owner: default privileges give PUBLIC no EXECUTE on new functions');

-- the identity path: chain_authenticator
SELECT ok(NOT (SELECT rolinherit FROM pg_catalog.pg_roles WHERE rolname = 'chain_authenticator'),
          'chain_authenticator: NOINHERIT (no privilege until it sets a role)');
SELECT is_member_of('chain_user', ARRAY['chain_authenticator'], 'chain_authenticator: may SET ROLE chain_user');
SELECT is((SELECT pg_catalog.array_agg(r.rolname::text ORDER BY r.rolname) FROM pg_catalog.pg_roles AS r
            WHERE pg_catalog.pg_has_role('chain_authenticator', r.oid, 'MEMBER') AND r.rolname <> 'chain_authenticator'),
          ARRAY['chain_user'], 'chain_authenticator: chain_user is the only role it may become');
SELECT ok(NOT pg_catalog.pg_has_role(r, 'chain_user', 'MEMBER'), r || ': may not become chain_user (only chain_authenticator may)')
  FROM pg_catalog.unnest(ARRAY['chain_app', 'chain_readonly', 'chain_analytics', 'chain_auditor', 'chain_monitor']) AS r;
SELECT tests.act_as_role('chain_authenticator');
SELECT throws_ok($$SELECT 1 FROM core.users$$, '42501', NULL, 'chain_authenticator: reads nothing as itself');
SELECT tests.reset_role();
-- (CONNECT, which a database made from a template does not inherit: test/python/test_identity.py)

SELECT * FROM finish();
ROLLBACK;
