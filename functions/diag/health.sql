-- diag.health() [check_database_health] → one row per check:
--     check_name, status (ok | warning | critical | skipped), value, threshold, detail
-- The value of each check is graded against its row of diag.health_thresholds (an operator edits
-- the levels there, or switches a check off: enabled = false reports it skipped):
--     direction 'above': value > critical → critical, value > warning → warning, else ok
--     direction 'below': value < critical → critical, value < warning → warning, else ok
-- A check may also set a floor of its own (an unpopulated materialized view is critical whatever
-- its age; a last deploy that failed is critical), or report skipped with the reason in detail
-- when what it inspects does not exist here (no pg_cron, no replication, no archiving, no registry,
-- no partitioned table, ...). A check that fails reports critical with the error in detail
-- instead of failing the whole call.
--
-- Checks, in this order (the thresholds table documents each):
--   cache_hit_ratio, connections, role_connections, xid_wraparound, long_transactions,
--   idle_in_transaction, blocked_sessions, prepared_transactions, invalid_indexes,
--   partitions_ahead, partition_gaps, default_partition_rows, matview_age, retention_overdue,
--   scheduler, archiver, replication_lag, migrations
-- Session checks look at the other client sessions of this database; connections and
-- xid_wraparound at the whole cluster.
--
-- diag.ready() → boolean: a readiness probe. true when the Sqitch registry (schema sqitch)
-- exists, the latest event of every project in it is a deploy, and the server is not in recovery;
-- otherwise false with the reason as a NOTICE (a standby says it is one).
--
-- Both SECURITY DEFINER (chain_owner), search_path pinned, EXECUTE for chain_monitor only.
-- health() waits at most 500 ms for a lock (lock_timeout): a table held by DDL is reported as
-- not counted or not checked, and the call never hangs behind it.

CREATE FUNCTION diag.health()
RETURNS TABLE (check_name text, status text, value numeric, threshold text, detail text)
LANGUAGE plpgsql STABLE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
SET TimeZone = 'UTC'
SET lock_timeout = '500ms'
AS $$
DECLARE
    v_names   text[] := '{}'::text[];
    v_values  numeric[] := '{}'::numeric[];
    v_details text[] := '{}'::text[];
    v_floors  text[] := '{}'::text[];   -- NULL, 'warning', 'critical' (at least this) or 'skipped'
    v_check   text;
    v_value   numeric;
    v_detail  text;
    v_floor   text;
    v_n       bigint;
    v_m       bigint;
    v_text    text;
    v_tbl     text;
    v_rule    text;
    v_col     name;
    v_keep    interval;
    v_filter  text;
    v_last    text;
    v_found   boolean;
    v_rel     regclass;
    v_db      oid := (SELECT d.oid FROM pg_catalog.pg_database AS d WHERE d.datname = pg_catalog.current_database());
BEGIN
    FOREACH v_check IN ARRAY ARRAY['cache_hit_ratio', 'connections', 'role_connections', 'xid_wraparound',
                                   'long_transactions', 'idle_in_transaction', 'blocked_sessions',
                                   'prepared_transactions', 'invalid_indexes', 'partitions_ahead', 'partition_gaps',
                                   'default_partition_rows', 'matview_age', 'retention_overdue', 'scheduler',
                                   'archiver', 'replication_lag', 'migrations']
    LOOP
        v_value := NULL; v_detail := NULL; v_floor := NULL;
        BEGIN
            CASE v_check
            WHEN 'cache_hit_ratio' THEN
                SELECT d.blks_hit + d.blks_read, pg_catalog.round(d.blks_hit::numeric / NULLIF(d.blks_hit + d.blks_read, 0), 4)
                  INTO v_n, v_value
                  FROM pg_catalog.pg_stat_database AS d WHERE d.datid = v_db;
                IF COALESCE(v_n, 0) < 1000 THEN
                    v_floor := 'skipped';
                    v_detail := pg_catalog.format('only %s block reads since the statistics were reset: too few to judge', COALESCE(v_n, 0));
                ELSE
                    v_detail := pg_catalog.format('%s of %s block reads served from shared buffers', v_value, v_n);
                END IF;

            WHEN 'connections' THEN
                SELECT pg_catalog.count(*) INTO v_n FROM pg_catalog.pg_stat_activity AS a WHERE a.backend_type = 'client backend';
                v_m := pg_catalog.current_setting('max_connections')::bigint
                       - pg_catalog.current_setting('superuser_reserved_connections')::bigint;
                v_value := pg_catalog.round(100.0 * v_n / GREATEST(v_m, 1), 1);
                v_detail := pg_catalog.format('%s client connections of %s available (max_connections less superuser_reserved_connections)', v_n, v_m);

            WHEN 'role_connections' THEN
                SELECT pg_catalog.round(100.0 * pg_catalog.count(a.pid) / r.rolconnlimit, 1),
                       pg_catalog.format('%s: %s of its %s connections', r.rolname, pg_catalog.count(a.pid), r.rolconnlimit)
                  INTO v_value, v_detail
                  FROM pg_catalog.pg_roles AS r
                  LEFT JOIN pg_catalog.pg_stat_activity AS a ON a.usesysid = r.oid AND a.backend_type = 'client backend'
                 WHERE r.rolname LIKE 'chain\_%' AND r.rolcanlogin AND r.rolconnlimit > 0
                 GROUP BY r.rolname, r.rolconnlimit
                 ORDER BY 1 DESC, r.rolname
                 LIMIT 1;
                IF v_detail IS NULL THEN
                    v_floor := 'skipped';
                    v_detail := 'no chain_* login role has a connection limit';
                END IF;

            WHEN 'xid_wraparound' THEN
                SELECT pg_catalog.age(d.datfrozenxid), pg_catalog.format('oldest: database %s', d.datname)
                  INTO v_value, v_detail
                  FROM pg_catalog.pg_database AS d ORDER BY pg_catalog.age(d.datfrozenxid) DESC LIMIT 1;
                v_detail := v_detail || pg_catalog.format(' (autovacuum_freeze_max_age %s)',
                                                          pg_catalog.current_setting('autovacuum_freeze_max_age'));

            WHEN 'long_transactions' THEN
                SELECT pg_catalog.round(EXTRACT(epoch FROM pg_catalog.now() - a.xact_start)::numeric, 3),
                       pg_catalog.format('pid %s (%s, %s) in a transaction since %s', a.pid, a.usename, a.state,
                                         pg_catalog.to_char(a.xact_start, 'YYYY-MM-DD HH24:MI:SS'))
                  INTO v_value, v_detail
                  FROM pg_catalog.pg_stat_activity AS a
                 WHERE a.datid = v_db AND a.backend_type = 'client backend' AND a.pid <> pg_catalog.pg_backend_pid()
                   AND a.xact_start IS NOT NULL
                 ORDER BY a.xact_start LIMIT 1;
                IF v_value IS NULL THEN
                    v_value := 0;
                    v_detail := 'no other open transaction';
                END IF;

            WHEN 'idle_in_transaction' THEN
                SELECT pg_catalog.count(*) OVER (),
                       pg_catalog.round(EXTRACT(epoch FROM pg_catalog.now() - a.state_change)::numeric, 3),
                       pg_catalog.format('pid %s (%s) idle in transaction since %s', a.pid, a.usename,
                                         pg_catalog.to_char(a.state_change, 'YYYY-MM-DD HH24:MI:SS'))
                  INTO v_n, v_value, v_detail
                  FROM pg_catalog.pg_stat_activity AS a
                 WHERE a.datid = v_db AND a.backend_type = 'client backend' AND a.pid <> pg_catalog.pg_backend_pid()
                   AND a.state IN ('idle in transaction', 'idle in transaction (aborted)')
                 ORDER BY a.state_change LIMIT 1;
                IF v_value IS NULL THEN
                    v_value := 0;
                    v_detail := 'no session idle in a transaction';
                ELSE
                    v_detail := pg_catalog.format('%s session(s); longest: %s', v_n, v_detail);
                END IF;

            WHEN 'blocked_sessions' THEN
                SELECT pg_catalog.count(*) OVER (),
                       pg_catalog.round(EXTRACT(epoch FROM pg_catalog.now() - a.query_start)::numeric, 3),
                       pg_catalog.format('pid %s (%s) waiting for %s on pid(s) %s', a.pid, a.usename,
                                         a.wait_event, pg_catalog.array_to_string(pg_catalog.pg_blocking_pids(a.pid), ', '))
                  INTO v_n, v_value, v_detail
                  FROM pg_catalog.pg_stat_activity AS a
                 WHERE a.datid = v_db AND a.wait_event_type = 'Lock'
                   AND pg_catalog.cardinality(pg_catalog.pg_blocking_pids(a.pid)) > 0
                 ORDER BY a.query_start LIMIT 1;
                IF v_value IS NULL THEN
                    v_value := 0;
                    v_detail := 'no session waits on a lock';
                ELSE
                    v_detail := pg_catalog.format('%s blocked session(s); longest: %s (diag.blocking() lists them)', v_n, v_detail);
                END IF;

            WHEN 'prepared_transactions' THEN
                SELECT pg_catalog.count(*) OVER (),
                       pg_catalog.round(EXTRACT(epoch FROM pg_catalog.now() - p.prepared)::numeric, 3),
                       pg_catalog.format('%s prepared by %s at %s', p.gid, p.owner, pg_catalog.to_char(p.prepared, 'YYYY-MM-DD HH24:MI:SS'))
                  INTO v_n, v_value, v_detail
                  FROM pg_catalog.pg_prepared_xacts AS p
                 WHERE p.database = pg_catalog.current_database()
                 ORDER BY p.prepared LIMIT 1;
                IF v_value IS NULL THEN
                    v_value := 0;
                    v_detail := 'no prepared transaction';
                ELSE
                    v_detail := pg_catalog.format('%s prepared transaction(s); oldest: %s', v_n, v_detail);
                END IF;

            WHEN 'invalid_indexes' THEN
                SELECT pg_catalog.count(*), pg_catalog.string_agg(x.indexrelid::regclass::text, ', ' ORDER BY x.indexrelid::regclass::text)
                  INTO v_value, v_text
                  FROM pg_catalog.pg_index AS x
                  JOIN pg_catalog.pg_class AS i ON i.oid = x.indexrelid
                  JOIN pg_catalog.pg_namespace AS n ON n.oid = i.relnamespace
                 WHERE NOT x.indisvalid AND n.nspname !~ '^pg_' AND n.nspname <> 'information_schema';
                v_detail := COALESCE('invalid: ' || v_text || ' (REINDEX or drop and recreate)', 'every index is valid');

            WHEN 'partitions_ahead' THEN
                SELECT h.months_ahead, pg_catalog.format('%s covers %s month(s) after this one (until %s)', h.table_name,
                                                         h.months_ahead, pg_catalog.to_char(h.covered_until, 'YYYY-MM-DD'))
                  INTO v_value, v_detail
                  FROM diag.partition_health() AS h
                 WHERE h.months_ahead IS NOT NULL
                 ORDER BY h.months_ahead, h.table_name LIMIT 1;
                IF v_detail IS NULL AND v_value = -1 THEN
                    v_detail := 'a range-partitioned table has no partition for this month';
                END IF;
                IF v_value IS NULL THEN
                    v_floor := 'skipped';
                    v_detail := 'no table range-partitioned on a time column';
                END IF;

            WHEN 'partition_gaps' THEN
                SELECT pg_catalog.sum(h.gaps), pg_catalog.string_agg(h.table_name || ': ' || h.gap_list, '; ' ORDER BY h.table_name)
                  INTO v_value, v_text
                  FROM diag.partition_health() AS h
                 WHERE h.gaps IS NOT NULL;
                v_detail := COALESCE('uncovered ranges: ' || v_text, 'no gap between partitions');
                IF v_value IS NULL THEN
                    v_floor := 'skipped';
                    v_detail := 'no table range-partitioned on a time column';
                END IF;

            WHEN 'default_partition_rows' THEN
                SELECT COALESCE(pg_catalog.sum(h.default_rows), 0), pg_catalog.count(*),
                       pg_catalog.string_agg(h.default_partition || ': ' || CASE WHEN h.default_rows > 1000 THEN 'over 1000'
                                                                                 ELSE h.default_rows::text END || ' rows',
                                             ', ' ORDER BY h.default_partition) FILTER (WHERE h.default_rows > 0),
                       pg_catalog.string_agg(h.default_partition, ', ' ORDER BY h.default_partition) FILTER (WHERE h.default_rows IS NULL)
                  INTO v_value, v_n, v_text, v_rule
                  FROM diag.partition_health() AS h
                 WHERE h.default_partition IS NOT NULL;
                IF v_n = 0 THEN
                    v_value := NULL;
                    v_floor := 'skipped';
                    v_detail := 'no DEFAULT partition';
                ELSE
                    v_detail := COALESCE(v_text || ' (create the missing partitions, then move the rows)',
                                         pg_catalog.format('%s DEFAULT partition(s), all empty', v_n))
                                || COALESCE('; not counted (locked or unreadable): ' || v_rule, '');
                END IF;

            WHEN 'matview_age' THEN
                IF pg_catalog.to_regclass('maint.matview_schedule') IS NULL THEN
                    v_floor := 'skipped';
                    v_detail := 'no maint.matview_schedule';
                ELSE
                    SELECT pg_catalog.max(f.cadences) FILTER (WHERE f.enabled),
                           pg_catalog.count(*) FILTER (WHERE f.registered AND f.enabled),
                           pg_catalog.string_agg(f.matview || ' ' || f.status
                                                 || COALESCE(' (' || f.cadences || ' cadences of ' || f.cadence || ')', ''),
                                                 ', ' ORDER BY f.cadences DESC NULLS LAST)
                               FILTER (WHERE f.status IN ('stale', 'failed', 'unpopulated')),
                           CASE WHEN pg_catalog.bool_or(f.registered AND f.enabled AND NOT f.populated) THEN 'critical'
                                WHEN pg_catalog.bool_or(f.registered AND f.enabled AND f.status = 'failed') THEN 'warning' END
                      INTO v_value, v_n, v_text, v_floor
                      FROM diag.matview_freshness() AS f;
                    IF v_n = 0 THEN
                        v_floor := 'skipped';
                        v_detail := 'no materialized view registered in maint.matview_schedule';
                    ELSE
                        v_detail := COALESCE(v_text, pg_catalog.format('%s registered view(s), all fresh', v_n));
                    END IF;
                END IF;

            WHEN 'retention_overdue' THEN
                -- read through dynamic SQL: the table comes with ops/retention_policies, which
                -- this change does not require
                v_rel := pg_catalog.to_regclass('ops.retention_policies');
                IF v_rel IS NULL THEN
                    v_floor := 'skipped';
                    v_detail := 'no ops.retention_policies';
                ELSE
                    v_value := 0; v_n := 0; v_text := NULL;
                    -- a rule is overdue when rows a day past its window remain, or its last run failed;
                    -- the probe is an EXISTS on the rule's time column (index- or partition-served)
                    FOR v_tbl, v_rule, v_col, v_keep, v_filter, v_last IN EXECUTE pg_catalog.format(
                        'SELECT r.table_name::text AS tbl, r.rule_name, r.time_column, r.keep_hot, r.row_filter, r.last_status
                           FROM %s AS r WHERE r.enabled ORDER BY r.table_name::text, r.rule_name', v_rel)
                    LOOP
                        v_n := v_n + 1;
                        BEGIN
                            EXECUTE pg_catalog.format('SELECT EXISTS (SELECT 1 FROM %s WHERE %I < $1%s)', v_tbl, v_col,
                                                      COALESCE(' AND (' || v_filter || ')', ''))
                               INTO STRICT v_found
                              USING pg_catalog.now() - v_keep - interval '1 day';
                        EXCEPTION WHEN lock_not_available THEN
                            v_found := false;   -- locked by DDL for 500 ms: not judged this time
                            v_detail := COALESCE(v_detail || ', ', '') || v_tbl;
                        END;
                        IF v_found OR v_last = 'failed' THEN
                            v_value := v_value + 1;
                            v_text := COALESCE(v_text || ', ', '') || v_tbl || '/' || v_rule
                                      || CASE WHEN v_last = 'failed' THEN ' (last run failed)'
                                              ELSE ' (rows older than ' || v_keep || ' + 1 day)' END;
                        END IF;
                    END LOOP;
                    IF v_n = 0 THEN
                        v_floor := 'skipped';
                        v_detail := 'no enabled retention policy';
                    ELSE
                        v_detail := COALESCE('overdue: ' || v_text || ' (maint.cleanup_old_data)',
                                             pg_catalog.format('%s enabled policies, none overdue', v_n))
                                    || COALESCE('; not checked (locked): ' || v_detail, '');
                    END IF;
                END IF;

            WHEN 'scheduler' THEN
                IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_extension AS e WHERE e.extname = 'pg_cron') THEN
                    v_floor := 'skipped';
                    v_text := pg_catalog.current_setting('cron.database_name', true);
                    v_detail := CASE WHEN pg_catalog.current_setting('shared_preload_libraries') !~ '(^|[, ])pg_cron($|[, ])'
                                     THEN 'no scheduler: pg_cron is not installed'
                                     WHEN COALESCE(v_text, 'postgres') = pg_catalog.current_database()
                                     THEN 'no scheduler: pg_cron runs for this database but is not created here (CREATE EXTENSION pg_cron)'
                                     ELSE pg_catalog.format('no scheduler in this database: pg_cron runs in database %s',
                                                            COALESCE(v_text, 'postgres')) END;
                ELSIF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_stat_activity AS a WHERE a.backend_type = 'pg_cron launcher') THEN
                    v_floor := 'warning';
                    v_detail := 'pg_cron is installed but not running (shared_preload_libraries, cron.database_name)';
                ELSE
                    -- jobs counted from the statistics of cron.job: its rows are under RLS (a job is
                    -- visible to the role that scheduled it, usually the deploying superuser) and
                    -- pg_cron 1.4 gives no USAGE on schema cron; failed runs are added to the
                    -- detail only where chain_owner may read cron.job_run_details
                    SELECT c.oid INTO v_rel FROM pg_catalog.pg_class AS c
                      JOIN pg_catalog.pg_namespace AS n ON n.oid = c.relnamespace
                     WHERE n.nspname = 'cron' AND c.relname = 'job';
                    v_value := pg_catalog.pg_stat_get_live_tuples(v_rel)
                               + pg_catalog.pg_stat_get_xact_tuples_inserted(v_rel) - pg_catalog.pg_stat_get_xact_tuples_deleted(v_rel);
                    v_detail := pg_catalog.format('pg_cron runs; %s job(s) scheduled', v_value);
                    IF pg_catalog.has_schema_privilege('cron', 'USAGE') THEN
                        EXECUTE pg_catalog.format($q$SELECT pg_catalog.count(*) FROM %s AS d
                                                     WHERE d.status = 'failed' AND d.start_time > pg_catalog.now() - interval '1 day'$q$,
                                                  pg_catalog.to_regclass('cron.job_run_details'))
                           INTO v_n;
                        v_detail := v_detail || pg_catalog.format('; %s failed run(s) in 24 hours of the jobs chain_owner may see', v_n);
                        IF v_n > 0 THEN
                            v_floor := 'warning';
                        END IF;
                    END IF;
                END IF;

            WHEN 'archiver' THEN
                IF pg_catalog.current_setting('archive_mode') = 'off' THEN
                    v_floor := 'skipped';
                    v_detail := 'archive_mode is off';
                ELSE
                    SELECT CASE WHEN s.last_failed_time > COALESCE(s.last_archived_time, '-infinity') THEN 1 ELSE 0 END,
                           pg_catalog.format('%s archived, %s failed; last failure %s (%s), last success %s',
                                             s.archived_count, s.failed_count, COALESCE(s.last_failed_wal, 'none'),
                                             COALESCE(pg_catalog.to_char(s.last_failed_time, 'YYYY-MM-DD HH24:MI:SS'), '-'),
                                             COALESCE(pg_catalog.to_char(s.last_archived_time, 'YYYY-MM-DD HH24:MI:SS'), 'never'))
                      INTO v_value, v_detail
                      FROM pg_catalog.pg_stat_archiver AS s;
                END IF;

            WHEN 'replication_lag' THEN
                IF pg_catalog.pg_is_in_recovery() THEN
                    v_value := pg_catalog.round(EXTRACT(epoch FROM pg_catalog.now() - pg_catalog.pg_last_xact_replay_timestamp())::numeric, 1);
                    v_detail := 'this server is a standby: time since the last replayed transaction';
                    IF v_value IS NULL THEN
                        v_floor := 'skipped';
                        v_detail := 'this server is a standby and has replayed no transaction yet';
                    END IF;
                ELSE
                    SELECT pg_catalog.count(*),
                           pg_catalog.round(COALESCE(pg_catalog.max(EXTRACT(epoch FROM COALESCE(r.replay_lag, interval '0'))), 0)::numeric, 1)
                      INTO v_n, v_value
                      FROM pg_catalog.pg_stat_replication AS r;
                    IF v_n = 0 THEN
                        v_value := NULL;
                        v_floor := 'skipped';
                        v_detail := 'no replication: no standby is connected';
                    ELSE
                        v_detail := pg_catalog.format('%s standby(s); slowest replay lag in seconds', v_n);
                    END IF;
                END IF;

            WHEN 'migrations' THEN
                IF pg_catalog.to_regclass('sqitch.events') IS NULL THEN
                    v_floor := 'skipped';
                    v_detail := 'no Sqitch registry in schema sqitch';
                ELSE
                    -- per project: the latest event; a failure newer than every deploy is critical,
                    -- a revert newer than every deploy means the plan is ahead of the database
                    EXECUTE $q$
                        WITH latest AS (
                            SELECT e.project,
                                   pg_catalog.max(e.committed_at) FILTER (WHERE e.event IN ('deploy', 'merge')) AS deployed,
                                   pg_catalog.max(e.committed_at) FILTER (WHERE e.event = 'fail') AS failed,
                                   pg_catalog.max(e.committed_at) FILTER (WHERE e.event = 'revert') AS reverted
                              FROM sqitch.events AS e GROUP BY e.project
                        ), graded AS (
                            SELECT l.project,
                                   CASE WHEN l.failed > COALESCE(l.deployed, '-infinity') THEN 2
                                        WHEN l.reverted > COALESCE(l.deployed, '-infinity') THEN 1 ELSE 0 END AS state,
                                   (SELECT e.change FROM sqitch.events AS e WHERE e.project = l.project
                                     ORDER BY e.committed_at DESC LIMIT 1) AS last_change,
                                   (SELECT pg_catalog.count(*) FROM sqitch.changes AS c WHERE c.project = l.project) AS deployed_changes
                              FROM latest AS l
                        )
                        SELECT pg_catalog.max(g.state),
                               pg_catalog.string_agg(g.project || ': ' || CASE g.state WHEN 2 THEN 'last deploy failed at ' || g.last_change
                                                                          WHEN 1 THEN 'changes reverted (plan ahead of the database), last ' || g.last_change
                                                                          ELSE g.deployed_changes || ' changes deployed' END,
                                                     '; ' ORDER BY g.project)
                          FROM graded AS g$q$
                       INTO v_value, v_detail;
                    IF v_value IS NULL THEN
                        v_floor := 'skipped';
                        v_detail := 'the Sqitch registry holds no event';
                    END IF;
                END IF;
            END CASE;
        EXCEPTION WHEN OTHERS THEN
            v_value := NULL;
            v_floor := 'critical';
            v_detail := 'check failed: ' || SQLERRM;
        END;
        v_names := v_names || v_check;
        v_values := v_values || v_value;
        v_details := v_details || v_detail;
        v_floors := v_floors || v_floor;
    END LOOP;

    RETURN QUERY
    WITH c AS (
        SELECT u.name, u.value, u.detail, u.floor, u.ord, t.direction, t.warning, t.critical, t.unit, t.enabled,
               CASE
                   WHEN t.direction = 'above' AND u.value > t.critical THEN 2
                   WHEN t.direction = 'below' AND u.value < t.critical THEN 2
                   WHEN t.direction = 'above' AND u.value > t.warning THEN 1
                   WHEN t.direction = 'below' AND u.value < t.warning THEN 1
                   ELSE 0
               END AS graded
          FROM ROWS FROM (pg_catalog.unnest(v_names), pg_catalog.unnest(v_values), pg_catalog.unnest(v_details),
                          pg_catalog.unnest(v_floors)) WITH ORDINALITY AS u (name, value, detail, floor, ord)
          LEFT JOIN diag.health_thresholds AS t ON t.check_name = u.name
    )
    SELECT c.name,
           CASE
               WHEN c.enabled IS NOT TRUE THEN 'skipped'
               WHEN c.floor = 'skipped' THEN 'skipped'
               WHEN c.floor = 'critical' OR c.graded = 2 THEN 'critical'
               WHEN c.floor = 'warning' OR c.graded = 1 THEN 'warning'
               WHEN c.value IS NULL THEN 'skipped'
               ELSE 'ok'
           END,
           c.value,
           CASE WHEN c.direction IS NULL THEN NULL
                ELSE pg_catalog.concat_ws(', ',
                         'warning ' || CASE c.direction WHEN 'above' THEN '> ' ELSE '< ' END || c.warning,
                         'critical ' || CASE c.direction WHEN 'above' THEN '> ' ELSE '< ' END || c.critical)
                     || ' ' || c.unit END,
           CASE WHEN c.enabled IS NULL THEN 'no row in diag.health_thresholds; ' || c.detail
                WHEN NOT c.enabled THEN 'disabled in diag.health_thresholds; ' || c.detail
                ELSE c.detail END
      FROM c
     ORDER BY c.ord;
END
$$;
COMMENT ON FUNCTION diag.health() IS
    'Health of the database [check_database_health]: one row per check (cache hits, connections, wraparound, long and idle transactions, blocked sessions, prepared transactions, invalid indexes, partitions ahead/gaps/DEFAULT rows, matview age, retention, scheduler, archiver, replication lag, migrations) with status ok/warning/critical/skipped graded by diag.health_thresholds.';

CREATE FUNCTION diag.ready()
RETURNS boolean
LANGUAGE plpgsql STABLE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_reason text;
    v_events boolean;
BEGIN
    IF pg_catalog.pg_is_in_recovery() THEN
        RAISE NOTICE 'diag.ready: not ready: this server is a standby (in recovery)';
        RETURN false;
    END IF;
    IF pg_catalog.to_regclass('sqitch.events') IS NULL THEN
        RAISE NOTICE 'diag.ready: not ready: no Sqitch registry in schema sqitch';
        RETURN false;
    END IF;
    EXECUTE $q$
        SELECT pg_catalog.string_agg(l.project || ': last event ' || l.event || ' ' || l.change, '; ' ORDER BY l.project)
          FROM (SELECT DISTINCT ON (e.project) e.project, e.event, e.change
                  FROM sqitch.events AS e ORDER BY e.project, e.committed_at DESC) AS l
         WHERE l.event NOT IN ('deploy', 'merge')$q$
       INTO v_reason;
    IF v_reason IS NOT NULL THEN
        RAISE NOTICE 'diag.ready: not ready: %', v_reason;
        RETURN false;
    END IF;
    EXECUTE 'SELECT EXISTS (SELECT 1 FROM sqitch.events)' INTO v_events;
    IF NOT v_events THEN
        RAISE NOTICE 'diag.ready: not ready: nothing deployed';
        RETURN false;
    END IF;
    RETURN true;
END
$$;
COMMENT ON FUNCTION diag.ready() IS
    'Readiness probe: true when the Sqitch registry (schema sqitch) exists and holds events, the latest event of every project is a deploy, and the server is not a standby; false with the reason as a NOTICE.';

REVOKE ALL ON FUNCTION diag.health(), diag.ready() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION diag.health(), diag.ready() TO chain_monitor;
