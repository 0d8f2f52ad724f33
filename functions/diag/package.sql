-- What only this package knows: its partitions, materialized views and migrations.
--
--   diag.partition_health()     per partitioned table: partitions, months covered ahead, gaps,
--                               DEFAULT partition and the rows it caught, oldest partition
--   diag.matview_freshness()    per materialized view: populated, cadence and last refresh from
--                               maint.matview_schedule, age in cadences, a status word
--   diag.migration_status()     the Sqitch registry (schema sqitch): deployed changes, and changes
--                               whose last event is a failure or a revert
--
-- maint.matview_schedule is read when it exists (it comes with maint/matview_schedule), through
-- dynamic SQL so this change does not depend on it; without it every view is 'unregistered'.
-- The Sqitch registry is read in schema sqitch (the default; this change grants chain_owner
-- SELECT on it); a registry kept elsewhere gives one 'skipped' row.
--
-- All SECURITY DEFINER (chain_owner), search_path pinned, EXECUTE for chain_monitor only.
-- TimeZone UTC: partition months are UTC months, as maint.ensure_partitions makes them.

CREATE FUNCTION diag.partition_health()
RETURNS TABLE (table_name text, strategy text, partitions integer, first_bound timestamptz,
               covered_until timestamptz, months_ahead integer, gaps integer, gap_list text,
               default_partition text, default_rows bigint)
LANGUAGE plpgsql STABLE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
SET TimeZone = 'UTC'
SET lock_timeout = '500ms'
AS $$
DECLARE
    v_parent record;
BEGIN
    FOR v_parent IN
        SELECT c.oid, pg_catalog.format('%I.%I', n.nspname, c.relname) AS name,
               CASE p.partstrat WHEN 'r' THEN 'range' WHEN 'l' THEN 'list' WHEN 'h' THEN 'hash' END AS strategy,
               p.partstrat = 'r' AND p.partnatts = 1
                   AND a.atttypid IN ('pg_catalog.timestamptz'::pg_catalog.regtype, 'pg_catalog.timestamp'::pg_catalog.regtype,
                                      'pg_catalog.date'::pg_catalog.regtype) AS timed,
               p.partdefid
          FROM pg_catalog.pg_partitioned_table AS p
          JOIN pg_catalog.pg_class AS c ON c.oid = p.partrelid
          JOIN pg_catalog.pg_namespace AS n ON n.oid = c.relnamespace
          LEFT JOIN pg_catalog.pg_attribute AS a ON a.attrelid = c.oid AND a.attnum = p.partattrs[0]
         WHERE n.nspname !~ '^pg_' AND n.nspname <> 'information_schema' AND c.relkind = 'p'
         ORDER BY 2
    LOOP
        table_name := v_parent.name;
        strategy := v_parent.strategy;
        SELECT pg_catalog.count(*)::integer INTO partitions
          FROM pg_catalog.pg_inherits AS i WHERE i.inhparent = v_parent.oid;
        first_bound := NULL; covered_until := NULL; months_ahead := NULL; gaps := NULL; gap_list := NULL;

        IF v_parent.timed THEN
            -- bounds of the range partitions, as timestamptz (MINVALUE/MAXVALUE: open ends)
            WITH bounds AS (
                SELECT CASE WHEN m[1] IS NOT NULL THEN m[1]::timestamptz END AS lo,
                       CASE WHEN m[2] IS NOT NULL THEN m[2]::timestamptz END AS hi,
                       pg_catalog.pg_get_expr(c.relpartbound, c.oid) AS expr
                  FROM pg_catalog.pg_inherits AS i
                  JOIN pg_catalog.pg_class AS c ON c.oid = i.inhrelid
                  CROSS JOIN LATERAL pg_catalog.regexp_match(pg_catalog.pg_get_expr(c.relpartbound, c.oid),
                                                             '^FOR VALUES FROM \(''([^'']*)''\) TO \(''([^'']*)''\)$') AS m
                 WHERE i.inhparent = v_parent.oid AND c.oid <> COALESCE(v_parent.partdefid, 0)
            ), ordered AS (
                SELECT b.lo, b.hi, pg_catalog.lag(b.hi) OVER (ORDER BY b.lo) AS prev_hi
                  FROM bounds AS b WHERE b.lo IS NOT NULL AND b.hi IS NOT NULL
            ), islands AS (
                SELECT o.lo, o.hi, o.prev_hi,
                       pg_catalog.sum(CASE WHEN o.prev_hi IS NULL OR o.lo > o.prev_hi THEN 1 ELSE 0 END)
                           OVER (ORDER BY o.lo) AS island
                  FROM ordered AS o
            ), current_island AS (
                SELECT i.island FROM islands AS i
                 WHERE i.lo <= pg_catalog.date_trunc('month', pg_catalog.now())
                   AND i.hi > pg_catalog.date_trunc('month', pg_catalog.now())
                 LIMIT 1
            )
            SELECT pg_catalog.min(i.lo),
                   (SELECT pg_catalog.max(j.hi) FROM islands AS j WHERE j.island = (SELECT island FROM current_island)),
                   pg_catalog.count(*) FILTER (WHERE i.prev_hi IS NOT NULL AND i.lo > i.prev_hi)::integer,
                   pg_catalog.string_agg(pg_catalog.to_char(i.prev_hi, 'YYYY-MM-DD') || '..' || pg_catalog.to_char(i.lo, 'YYYY-MM-DD'),
                                         ', ' ORDER BY i.lo) FILTER (WHERE i.prev_hi IS NOT NULL AND i.lo > i.prev_hi)
              INTO first_bound, covered_until, gaps, gap_list
              FROM islands AS i;
            -- whole months covered after the current one; -1 when the current month is not covered
            IF covered_until IS NULL THEN
                months_ahead := -1;
            ELSE
                SELECT GREATEST(0, (EXTRACT(year FROM x) * 12 + EXTRACT(month FROM x))::integer) INTO months_ahead
                  FROM pg_catalog.age(pg_catalog.date_trunc('month', covered_until),
                                      pg_catalog.date_trunc('month', pg_catalog.now()) + interval '1 month') AS x;
            END IF;
        END IF;

        default_partition := CASE WHEN v_parent.partdefid <> 0 THEN v_parent.partdefid::regclass::text END;
        default_rows := NULL;
        IF v_parent.partdefid <> 0 THEN
            BEGIN
                -- a DEFAULT partition should be empty: counting stops at 1001 rows
                EXECUTE pg_catalog.format('SELECT pg_catalog.count(*) FROM (SELECT 1 FROM ONLY %s LIMIT 1001) AS d',
                                          v_parent.partdefid::regclass)
                   INTO default_rows;
            EXCEPTION WHEN insufficient_privilege OR lock_not_available OR feature_not_supported OR fdw_error THEN
                -- not counted: a partition chain_owner may not read (not ours), one locked by DDL
                -- (lock_timeout 500 ms: a monitoring call never hangs), a foreign table
                default_rows := NULL;
            END;
        END IF;
        RETURN NEXT;
    END LOOP;
END
$$;
COMMENT ON FUNCTION diag.partition_health() IS
    'Per partitioned table: strategy, partitions, and for range partitioning on one time column the first bound, how far the partitions containing this UTC month reach (covered_until, months_ahead: whole months after this one, -1 when this month has none), gaps between partitions, and the DEFAULT partition with its rows (counted up to 1001; NULL when it could not be read within 500 ms).';

CREATE FUNCTION diag.matview_freshness()
RETURNS TABLE (matview text, populated boolean, registered boolean, enabled boolean, cadence interval,
               last_refreshed_at timestamptz, age interval, cadences numeric, last_status text, status text)
LANGUAGE plpgsql STABLE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_schedule regclass := pg_catalog.to_regclass('maint.matview_schedule');
BEGIN
    IF v_schedule IS NULL THEN
        RETURN QUERY
        SELECT pg_catalog.format('%I.%I', n.nspname, c.relname), c.relispopulated, false, NULL::boolean,
               NULL::interval, NULL::timestamptz, NULL::interval, NULL::numeric, NULL::text,
               CASE WHEN c.relispopulated THEN 'unregistered' ELSE 'unpopulated' END
          FROM pg_catalog.pg_class AS c
          JOIN pg_catalog.pg_namespace AS n ON n.oid = c.relnamespace
         WHERE c.relkind = 'm' AND n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'
         ORDER BY 1;
        RETURN;
    END IF;
    -- never refreshed by maint: its age counts from its registration (it was populated then)
    RETURN QUERY EXECUTE pg_catalog.format($q$
        WITH v AS (
            SELECT pg_catalog.format('%%I.%%I', n.nspname, c.relname) AS name, c.relispopulated AS populated,
                   s.matview IS NOT NULL AS registered, s.enabled, s.cadence, s.last_refreshed_at, s.last_status,
                   pg_catalog.now() - COALESCE(s.last_refreshed_at, s.registered_at) AS age
              FROM pg_catalog.pg_class AS c
              JOIN pg_catalog.pg_namespace AS n ON n.oid = c.relnamespace
              LEFT JOIN %s AS s ON s.matview = c.oid
             WHERE c.relkind = 'm' AND n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'
        )
        SELECT v.name, v.populated, v.registered, v.enabled, v.cadence, v.last_refreshed_at, v.age,
               pg_catalog.round((EXTRACT(epoch FROM v.age) / NULLIF(EXTRACT(epoch FROM v.cadence), 0))::numeric, 2),
               v.last_status,
               CASE WHEN NOT v.populated THEN 'unpopulated'
                    WHEN NOT v.registered THEN 'unregistered'
                    WHEN NOT v.enabled THEN 'disabled'
                    WHEN v.last_status = 'failed' THEN 'failed'
                    WHEN v.age > v.cadence THEN 'stale'
                    ELSE 'fresh' END
          FROM v
         ORDER BY 8 DESC NULLS LAST, 1$q$, v_schedule);
END
$$;
COMMENT ON FUNCTION diag.matview_freshness() IS
    'Per materialized view: populated, its maint.matview_schedule row (cadence, last refresh, status), age since the last refresh (or since registration) and that age in cadences; status fresh, stale, failed, disabled, unregistered or unpopulated; stalest first.';

CREATE FUNCTION diag.migration_status()
RETURNS TABLE (project text, change_name text, status text, event_at timestamptz, committer text, note text)
LANGUAGE plpgsql STABLE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF pg_catalog.to_regclass('sqitch.events') IS NULL OR pg_catalog.to_regclass('sqitch.changes') IS NULL THEN
        RETURN QUERY SELECT NULL::text, NULL::text, 'skipped'::text, NULL::timestamptz, NULL::text,
                            'no Sqitch registry in schema sqitch (none, or kept in another schema)'::text;
        RETURN;
    END IF;
    BEGIN
        -- deployed changes, then changes whose latest event is a failure or a revert
        RETURN QUERY EXECUTE $q$
            WITH last_event AS (
                SELECT DISTINCT ON (e.project, e.change_id) e.project, e.change, e.change_id, e.event,
                       e.committed_at, e.committer_name, e.note
                  FROM sqitch.events AS e
                 ORDER BY e.project, e.change_id, e.committed_at DESC
            )
            SELECT c.project, c.change, 'deployed'::text, c.committed_at, c.committer_name, c.note
              FROM sqitch.changes AS c
            UNION ALL
            SELECT l.project, l.change, CASE l.event WHEN 'fail' THEN 'failed' ELSE 'reverted' END,
                   l.committed_at, l.committer_name, l.note
              FROM last_event AS l
             WHERE l.event IN ('fail', 'revert')
               AND NOT EXISTS (SELECT 1 FROM sqitch.changes AS c WHERE c.change_id = l.change_id)
             ORDER BY 4 DESC, 1, 2$q$;
    EXCEPTION WHEN insufficient_privilege THEN
        RETURN QUERY SELECT NULL::text, NULL::text, 'skipped'::text, NULL::timestamptz, NULL::text,
                            'the Sqitch registry in schema sqitch is not readable by chain_owner'::text;
    END;
END
$$;
COMMENT ON FUNCTION diag.migration_status() IS
    'The Sqitch registry (schema sqitch), newest first: every deployed change (status deployed) and every change whose latest event is a failure (failed) or a revert (reverted); one skipped row when there is no readable registry there.';

REVOKE ALL ON FUNCTION diag.partition_health(), diag.matview_freshness(), diag.migration_status() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION diag.partition_health(), diag.matview_freshness(), diag.migration_status() TO chain_monitor;
