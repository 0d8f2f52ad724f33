-- roles/roles.sql — the cluster roles of chaindb and what PUBLIC may no longer do.
--
-- Contract: after this file every chain_* role exists with exactly the attributes and
-- settings below (created when missing, re-asserted when present: roles are cluster-wide and
-- another database on the same cluster may have created them first). None is SUPERUSER,
-- CREATEDB, CREATEROLE, REPLICATION or BYPASSRLS. Runs as a superuser (the deployer).
--
--   chain_owner      NOLOGIN  owns every object of chaindb; deploy scripts SET LOCAL ROLE to it;
--                             member of pg_read_all_stats and pg_read_all_settings (for the
--                             SECURITY DEFINER diag functions)
--   chain_app        LOGIN    the backend: DML on application tables, EXECUTE on API functions
--   chain_user       NOLOGIN  an end user (SET ROLE by the app or PostgREST); RLS limits it to its rows
--   chain_readonly   LOGIN    SELECT everywhere except secrets (e-mail, token hashes)
--   chain_analytics  LOGIN    the analytics schema; big work_mem, long statement_timeout, few connections
--   chain_auditor    LOGIN    the audit schema only
--   chain_monitor    LOGIN    the diag functions; member of pg_monitor
--   chain_authenticator LOGIN NOINHERIT  the identity path of end users (README, Security): holds no
--                    privilege of its own; a member of chain_user, so a transaction may
--                    SET LOCAL ROLE chain_user and set request.jwt.claims / app.user_id
--
-- Settings are role-wide (ALTER ROLE … SET); PostgREST applies them on SET ROLE too.
-- Every database that deploys this file is recorded as chain_owner's per-database setting
-- chaindb.deployed; the revert drops the roles only when no other database carries it.

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

DO $roles$
DECLARE
    v_role record;
BEGIN
    FOR v_role IN
        SELECT r.name, r.can_login, r.conn_limit, r.stmt_timeout, r.idle_timeout, r.lock_timeout, r.work_mem
        FROM (VALUES
            ('chain_authenticator', true, 100, '15s', '30s', '2s',  NULL),
            ('chain_owner',     false, -1,  '0',     '0',     '0',    NULL),
            ('chain_app',       true,  200, '15s',   '60s',   '5s',   NULL),
            ('chain_user',      false, -1,  '5s',    '30s',   '2s',   NULL),
            ('chain_readonly',  true,  20,  '30s',   '60s',   '5s',   NULL),
            ('chain_analytics', true,  5,   '30min', '5min',  '30s',  '256MB'),
            ('chain_auditor',   true,  5,   '60s',   '60s',   '5s',   NULL),
            ('chain_monitor',   true,  5,   '10s',   '30s',   '1s',   NULL)
        ) AS r (name, can_login, conn_limit, stmt_timeout, idle_timeout, lock_timeout, work_mem)
    LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = v_role.name) THEN
            BEGIN
                EXECUTE pg_catalog.format('CREATE ROLE %I', v_role.name);
            EXCEPTION WHEN duplicate_object THEN
                NULL;  -- a concurrent deploy into another database created it first
            END;
        END IF;
        EXECUTE pg_catalog.format(
            'ALTER ROLE %I %s NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS %s CONNECTION LIMIT %s',
            v_role.name, CASE WHEN v_role.can_login THEN 'LOGIN' ELSE 'NOLOGIN' END,
            CASE WHEN v_role.name = 'chain_authenticator' THEN 'NOINHERIT' ELSE 'INHERIT' END, v_role.conn_limit);
        IF v_role.can_login OR v_role.name = 'chain_user' THEN
            EXECUTE pg_catalog.format('ALTER ROLE %I SET statement_timeout = %L', v_role.name, v_role.stmt_timeout);
            EXECUTE pg_catalog.format('ALTER ROLE %I SET idle_in_transaction_session_timeout = %L', v_role.name, v_role.idle_timeout);
            EXECUTE pg_catalog.format('ALTER ROLE %I SET lock_timeout = %L', v_role.name, v_role.lock_timeout);
        END IF;
        IF v_role.work_mem IS NOT NULL THEN
            EXECUTE pg_catalog.format('ALTER ROLE %I SET work_mem = %L', v_role.name, v_role.work_mem);
        END IF;
    END LOOP;
END
$roles$;

DO $$
BEGIN
    IF NOT pg_catalog.pg_has_role('chain_monitor', 'pg_monitor', 'MEMBER') THEN
        GRANT pg_monitor TO chain_monitor;
    END IF;
    -- the diag functions run as chain_owner (SECURITY DEFINER): it reads every session's
    -- statistics and every setting; the functions show query text only to callers who could
    -- read it anyway
    IF NOT pg_catalog.pg_has_role('chain_owner', 'pg_read_all_stats', 'MEMBER') THEN
        GRANT pg_read_all_stats TO chain_owner;
    END IF;
    IF NOT pg_catalog.pg_has_role('chain_owner', 'pg_read_all_settings', 'MEMBER') THEN
        GRANT pg_read_all_settings TO chain_owner;
    END IF;
    -- the identity path: chain_authenticator may SET ROLE chain_user, and nothing else
    IF NOT pg_catalog.pg_has_role('chain_authenticator', 'chain_user', 'MEMBER') THEN
        GRANT chain_user TO chain_authenticator;
    END IF;
END
$$;

COMMENT ON ROLE chain_owner     IS 'chaindb: owns every object; NOLOGIN, deploys SET LOCAL ROLE to it.';
COMMENT ON ROLE chain_app       IS 'chaindb: the backend; DML on application tables, EXECUTE on API functions.';
COMMENT ON ROLE chain_user      IS 'chaindb: an end user (SET ROLE by the app/PostgREST); RLS limits it to its own rows.';
COMMENT ON ROLE chain_readonly  IS 'chaindb: SELECT everywhere except secrets (e-mail, token hashes).';
COMMENT ON ROLE chain_analytics IS 'chaindb: the analytics schema; large work_mem, long statement_timeout, connection limit.';
COMMENT ON ROLE chain_auditor   IS 'chaindb: reads the audit schema only.';
COMMENT ON ROLE chain_monitor   IS 'chaindb: the diag functions; member of pg_monitor.';
COMMENT ON ROLE chain_authenticator IS 'chaindb: login of the app/gateway acting for end users; NOINHERIT, no privilege of its own; per transaction SET LOCAL ROLE chain_user and sets request.jwt.claims / app.user_id (the trust boundary: README, Security).';

-- The cluster-wide record of which databases deployed these roles (revert/roles/roles.sql reads
-- it): a per-database setting of chain_owner, chaindb.deployed, kept in the shared catalog
-- pg_db_role_setting. Role memberships and settings never show in pg_shdepend, so a database
-- cannot otherwise tell that another one relies on them; DROP DATABASE removes the marker by
-- itself. chain_owner is NOLOGIN, so the setting never takes effect in a session.
DO $$
BEGIN
    EXECUTE pg_catalog.format('ALTER ROLE chain_owner IN DATABASE %I SET chaindb.deployed = %L',
                              pg_catalog.current_database(), 'roles/roles');
END
$$;

-- Per database: only the chaindb logins may connect (so only they may LISTEN on chaindb_changes:
-- PostgreSQL has no LISTEN privilege, CONNECT is the gate); superusers always may.
DO $$
BEGIN
    EXECUTE pg_catalog.format('REVOKE CONNECT ON DATABASE %I FROM PUBLIC', pg_catalog.current_database());
    EXECUTE pg_catalog.format(
        'GRANT CONNECT ON DATABASE %I TO chain_app, chain_readonly, chain_analytics, chain_auditor, chain_monitor, chain_authenticator',
        pg_catalog.current_database());
END
$$;

-- Per database: PUBLIC may not create in public (PG15's default already; asserted for older
-- clusters upgraded in place), and functions created by chain_owner are not executable by PUBLIC.
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
ALTER DEFAULT PRIVILEGES FOR ROLE chain_owner REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
