-- Sessions, locks and statements (the activity half of the pg-extras set):
--
--   diag.visible_query(p_userid, p_query)   the query text if the caller could read it anyway
--   diag.connections()                      sessions per database, role and state, against the role's
--                                           connection limit and max_connections (whole cluster)
--   diag.locks(p_all)                       locks of other sessions of this database (p_all: also
--                                           plain AccessShareLocks)
--   diag.blocking()                         who blocks whom, from pg_blocking_pids() (relation-lock
--                                           waits included, which the pg-extras transactionid join misses)
--   diag.long_running_queries(p_min)        non-idle sessions of this database running for p_min or more
--   diag.slow_statements(p_min_mean_ms, p_limit)   pg_stat_statements by mean time
--   diag.calls(p_limit)                            pg_stat_statements by number of calls
--
-- Query text: the functions run as chain_owner, a member of pg_read_all_stats, so they see every
-- session. What they show is decided by the session's login role (session_user, unchanged by
-- SECURITY DEFINER and bounding every role the caller can SET ROLE to): a query of role R is
-- shown when session_user is a member of R or of pg_read_all_stats -- exactly what that login
-- could read from pg_stat_activity itself -- and '<insufficient privilege>' otherwise, as
-- PostgreSQL writes it.
--
-- pg_stat_statements: read wherever the extension is installed (diag/schema creates it in diag
-- when the server offers it). When it is not installed, or installed but not loaded
-- (shared_preload_libraries), slow_statements() and calls() return one row with status
-- 'skipped' and the reason in query; their other rows have status 'ok'.

CREATE FUNCTION diag.visible_query(p_userid oid, p_query text)
RETURNS text
LANGUAGE sql STABLE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT CASE
               WHEN p_query IS NULL THEN NULL
               WHEN pg_catalog.pg_has_role(session_user, 'pg_read_all_stats', 'MEMBER') THEN p_query
               WHEN p_userid IS NOT NULL AND EXISTS (SELECT 1 FROM pg_catalog.pg_roles AS r WHERE r.oid = p_userid)
                    AND pg_catalog.pg_has_role(session_user, p_userid, 'MEMBER') THEN p_query
               ELSE '<insufficient privilege>'
           END
$$;
COMMENT ON FUNCTION diag.visible_query(oid, text) IS
    'p_query when the session''s login role could read the text of role p_userid''s queries itself (member of that role or of pg_read_all_stats), else <insufficient privilege>.';

CREATE FUNCTION diag.connections()
RETURNS TABLE (database name, username name, state text, connections bigint, role_connections bigint,
               role_limit integer, max_connections integer)
LANGUAGE sql STABLE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
    WITH sessions AS (
        SELECT a.datname, a.usename, a.usesysid, COALESCE(a.state, 'unknown') AS state
          FROM pg_catalog.pg_stat_activity AS a
         WHERE a.backend_type = 'client backend'
    )
    SELECT s.datname, s.usename, s.state, pg_catalog.count(*),
           (SELECT pg_catalog.count(*) FROM sessions AS o WHERE o.usesysid = s.usesysid),
           NULLIF(r.rolconnlimit, -1),
           pg_catalog.current_setting('max_connections')::integer
      FROM sessions AS s
      LEFT JOIN pg_catalog.pg_roles AS r ON r.oid = s.usesysid
     GROUP BY s.datname, s.usename, s.usesysid, s.state, r.rolconnlimit
     ORDER BY 4 DESC, 1, 2, 3
$$;
COMMENT ON FUNCTION diag.connections() IS
    'Client sessions of the whole cluster per database, role and state, with the role''s total, its connection limit (NULL: none) and max_connections.';

CREATE FUNCTION diag.locks(p_all boolean DEFAULT false)
RETURNS TABLE (pid integer, locktype text, relation text, mode text, granted boolean, transactionid xid,
               username name, application text, age interval, query_snippet text)
LANGUAGE sql STABLE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT l.pid, l.locktype,
           CASE WHEN l.relation IS NOT NULL THEN l.relation::regclass::text END,
           l.mode, l.granted, l.transactionid, a.usename, a.application_name,
           pg_catalog.now() - a.query_start,
           pg_catalog.left(diag.visible_query(a.usesysid, a.query), 100)
      FROM pg_catalog.pg_locks AS l
      JOIN pg_catalog.pg_stat_activity AS a ON a.pid = l.pid
     WHERE a.datname = pg_catalog.current_database() AND l.pid <> pg_catalog.pg_backend_pid()
       AND (l.database IS NULL OR l.database = (SELECT d.oid FROM pg_catalog.pg_database AS d
                                                 WHERE d.datname = pg_catalog.current_database()))
       AND (p_all OR NOT l.granted OR (l.mode <> 'AccessShareLock' AND l.locktype <> 'virtualxid'))
     ORDER BY l.granted, a.query_start, l.pid, 3
$$;
COMMENT ON FUNCTION diag.locks(boolean) IS
    'Locks held or awaited by the other sessions of this database, waiting ones first, with role, application, query age and (if the caller may read it) the query''s first 100 characters; p_all adds AccessShareLocks and virtualxid locks (pg-extras locks / all_locks).';

CREATE FUNCTION diag.blocking()
RETURNS TABLE (blocked_pid integer, blocked_user name, blocked_statement text, blocked_duration interval,
               blocked_sql_app text, wait_event_type text, blocking_pid integer, blocking_user name,
               blocking_state text, blocking_statement text, blocking_duration interval, blocking_sql_app text)
LANGUAGE sql STABLE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT w.pid, w.usename, diag.visible_query(w.usesysid, w.query), pg_catalog.now() - w.query_start,
           w.application_name, w.wait_event_type,
           b.pid, b.usename, b.state, diag.visible_query(b.usesysid, b.query),
           pg_catalog.now() - COALESCE(b.xact_start, b.query_start), b.application_name
      FROM pg_catalog.pg_stat_activity AS w
     CROSS JOIN LATERAL pg_catalog.unnest(pg_catalog.pg_blocking_pids(w.pid)) AS k (pid)
      JOIN pg_catalog.pg_stat_activity AS b ON b.pid = k.pid
     WHERE w.datname = pg_catalog.current_database() AND w.wait_event_type = 'Lock'
     ORDER BY 4 DESC, 1, 7
$$;
COMMENT ON FUNCTION diag.blocking() IS
    'One row per session of this database waiting on a lock and per session blocking it (pg_blocking_pids(): row, relation and advisory locks alike), longest wait first, with both statements where the caller may read them (pg-extras blocking).';

CREATE FUNCTION diag.long_running_queries(p_min interval DEFAULT '5 minutes')
RETURNS TABLE (pid integer, duration interval, state text, username name, application text,
               wait_event_type text, query text)
LANGUAGE sql STABLE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT a.pid, pg_catalog.now() - a.query_start, a.state, a.usename, a.application_name, a.wait_event_type,
           diag.visible_query(a.usesysid, a.query)
      FROM pg_catalog.pg_stat_activity AS a
     WHERE a.datname = pg_catalog.current_database() AND a.backend_type = 'client backend'
       AND a.pid <> pg_catalog.pg_backend_pid() AND a.state <> 'idle'
       AND a.query_start <= pg_catalog.now() - p_min
     ORDER BY 2 DESC, 1
$$;
COMMENT ON FUNCTION diag.long_running_queries(interval) IS
    'Sessions of this database, other than the caller''s, whose current statement (or idle-in-transaction wait) started p_min (default 5 minutes) or more ago, longest first (pg-extras long_running_queries).';

CREATE FUNCTION diag.slow_statements(p_min_mean_ms numeric DEFAULT 200, p_limit integer DEFAULT 10)
RETURNS TABLE (status text, queryid bigint, username name, calls bigint, total_exec_ms numeric,
               mean_exec_ms numeric, max_exec_ms numeric, rows bigint, prop_exec_time numeric, query text)
LANGUAGE plpgsql STABLE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_schema name;
BEGIN
    SELECT e.extnamespace::regnamespace::name INTO v_schema
      FROM pg_catalog.pg_extension AS e WHERE e.extname = 'pg_stat_statements';
    IF v_schema IS NULL THEN
        RETURN QUERY SELECT 'skipped'::text, NULL::bigint, NULL::name, NULL::bigint, NULL::numeric, NULL::numeric,
                            NULL::numeric, NULL::bigint, NULL::numeric,
                            'pg_stat_statements is not installed in this database'::text;
        RETURN;
    END IF;
    BEGIN
        RETURN QUERY EXECUTE pg_catalog.format($q$
            WITH s AS (
                SELECT s.queryid, s.userid, s.calls, s.total_exec_time, s.mean_exec_time, s.max_exec_time,
                       s.rows, s.query,
                       s.total_exec_time / NULLIF(pg_catalog.sum(s.total_exec_time) OVER (), 0) AS prop
                  FROM %I.pg_stat_statements AS s
                 WHERE s.dbid = (SELECT d.oid FROM pg_catalog.pg_database AS d
                                  WHERE d.datname = pg_catalog.current_database())
            )
            SELECT 'ok'::text, s.queryid, r.rolname, s.calls,
                   pg_catalog.round(s.total_exec_time::numeric, 3), pg_catalog.round(s.mean_exec_time::numeric, 3),
                   pg_catalog.round(s.max_exec_time::numeric, 3), s.rows, pg_catalog.round(s.prop::numeric, 4),
                   diag.visible_query(s.userid, s.query)
              FROM s LEFT JOIN pg_catalog.pg_roles AS r ON r.oid = s.userid
             WHERE s.mean_exec_time >= $1
             ORDER BY s.mean_exec_time DESC, s.queryid
             LIMIT $2$q$, v_schema)
            USING p_min_mean_ms, p_limit;
    EXCEPTION WHEN object_not_in_prerequisite_state THEN
        RETURN QUERY SELECT 'skipped'::text, NULL::bigint, NULL::name, NULL::bigint, NULL::numeric, NULL::numeric,
                            NULL::numeric, NULL::bigint, NULL::numeric,
                            'pg_stat_statements is installed but not loaded (shared_preload_libraries)'::text;
    WHEN insufficient_privilege THEN
        RETURN QUERY SELECT 'skipped'::text, NULL::bigint, NULL::name, NULL::bigint, NULL::numeric, NULL::numeric,
                            NULL::numeric, NULL::bigint, NULL::numeric,
                            pg_catalog.format('pg_stat_statements in schema %s is not readable by chain_owner', v_schema);
    END;
END
$$;
COMMENT ON FUNCTION diag.slow_statements(numeric, integer) IS
    'Statements of this database from pg_stat_statements with a mean time of p_min_mean_ms (default 200) or more, slowest first, at most p_limit (default 10); one ''skipped'' row when the extension is not installed or not loaded.';

CREATE FUNCTION diag.calls(p_limit integer DEFAULT 10)
RETURNS TABLE (status text, queryid bigint, username name, calls bigint, total_exec_ms numeric,
               mean_exec_ms numeric, prop_exec_time numeric, sync_io_ms numeric, query text)
LANGUAGE plpgsql STABLE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_schema name;
BEGIN
    SELECT e.extnamespace::regnamespace::name INTO v_schema
      FROM pg_catalog.pg_extension AS e WHERE e.extname = 'pg_stat_statements';
    IF v_schema IS NULL THEN
        RETURN QUERY SELECT 'skipped'::text, NULL::bigint, NULL::name, NULL::bigint, NULL::numeric, NULL::numeric,
                            NULL::numeric, NULL::numeric, 'pg_stat_statements is not installed in this database'::text;
        RETURN;
    END IF;
    BEGIN
        RETURN QUERY EXECUTE pg_catalog.format($q$
            WITH s AS (
                SELECT s.queryid, s.userid, s.calls, s.total_exec_time, s.mean_exec_time,
                       s.blk_read_time + s.blk_write_time AS io, s.query,
                       s.total_exec_time / NULLIF(pg_catalog.sum(s.total_exec_time) OVER (), 0) AS prop
                  FROM %I.pg_stat_statements AS s
                 WHERE s.dbid = (SELECT d.oid FROM pg_catalog.pg_database AS d
                                  WHERE d.datname = pg_catalog.current_database())
            )
            SELECT 'ok'::text, s.queryid, r.rolname, s.calls,
                   pg_catalog.round(s.total_exec_time::numeric, 3), pg_catalog.round(s.mean_exec_time::numeric, 3),
                   pg_catalog.round(s.prop::numeric, 4), pg_catalog.round(s.io::numeric, 3),
                   diag.visible_query(s.userid, s.query)
              FROM s LEFT JOIN pg_catalog.pg_roles AS r ON r.oid = s.userid
             ORDER BY s.calls DESC, s.queryid
             LIMIT $1$q$, v_schema)
            USING p_limit;
    EXCEPTION WHEN object_not_in_prerequisite_state THEN
        RETURN QUERY SELECT 'skipped'::text, NULL::bigint, NULL::name, NULL::bigint, NULL::numeric, NULL::numeric,
                            NULL::numeric, NULL::numeric,
                            'pg_stat_statements is installed but not loaded (shared_preload_libraries)'::text;
    WHEN insufficient_privilege THEN
        RETURN QUERY SELECT 'skipped'::text, NULL::bigint, NULL::name, NULL::bigint, NULL::numeric, NULL::numeric,
                            NULL::numeric, NULL::numeric,
                            pg_catalog.format('pg_stat_statements in schema %s is not readable by chain_owner', v_schema);
    END;
END
$$;
COMMENT ON FUNCTION diag.calls(integer) IS
    'The p_limit (default 10) most called statements of this database from pg_stat_statements, with time, share of all execution time and I/O time; one ''skipped'' row when the extension is not installed or not loaded (pg-extras calls).';

REVOKE ALL ON FUNCTION diag.visible_query(oid, text), diag.connections(), diag.locks(boolean), diag.blocking(),
                       diag.long_running_queries(interval), diag.slow_statements(numeric, integer),
                       diag.calls(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION diag.visible_query(oid, text), diag.connections(), diag.locks(boolean), diag.blocking(),
                          diag.long_running_queries(interval), diag.slow_statements(numeric, integer),
                          diag.calls(integer) TO chain_monitor;
