-- maint.maintain_partitions(p_months_ahead int DEFAULT 3)
--   → TABLE (table_name regclass, partitions_created int, rows_moved bigint, status text)
--   For every partitioned table of ours (catalog-driven: whatever the plan has created): a table
--   RANGE-partitioned on one timestamptz column gets maint.ensure_partitions(t, p_months_ahead)
--   (DEFAULT partition, months ahead, months whose rows sit in the DEFAULT moved out); any other
--   partitioned table gets its DEFAULT partition (maint.ensure_default_partition). One row per
--   table; a failure (e.g. a lock not granted within 5s) is reported and the others still run.
CREATE FUNCTION maint.maintain_partitions(p_months_ahead int DEFAULT 3)
RETURNS TABLE (table_name regclass, partitions_created int, rows_moved bigint, status text)
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_timed boolean;
BEGIN
    FOR table_name, v_timed IN
        SELECT c.oid::regclass,
               pt.partstrat = 'r' AND pt.partnatts = 1 AND a.atttypid = 'pg_catalog.timestamptz'::pg_catalog.regtype
          FROM pg_catalog.pg_partitioned_table AS pt
          JOIN pg_catalog.pg_class AS c ON c.oid = pt.partrelid
          JOIN pg_catalog.pg_namespace AS n ON n.oid = c.relnamespace
          LEFT JOIN pg_catalog.pg_attribute AS a ON a.attrelid = c.oid AND a.attnum = pt.partattrs[0]
         WHERE NOT c.relispartition
           AND n.nspname NOT LIKE 'pg\_%' AND n.nspname NOT IN ('information_schema', 'public', 'tap', 'tests', 'sqitch', 'archive')
         ORDER BY n.nspname, c.relname
    LOOP
        BEGIN
            IF v_timed THEN
                SELECT pg_catalog.count(*)::int, COALESCE(pg_catalog.sum(e.rows_moved), 0)::bigint
                  INTO partitions_created, rows_moved
                  FROM maint.ensure_partitions(table_name, p_months_ahead) AS e;
            ELSE
                partitions_created := (maint.ensure_default_partition(table_name) IS NOT NULL)::int;
                rows_moved := 0;
            END IF;
            status := 'ok';
        EXCEPTION
            WHEN lock_not_available THEN
                partitions_created := 0; rows_moved := 0; status := 'skipped: lock not available';
            WHEN OTHERS THEN
                partitions_created := 0; rows_moved := 0; status := 'failed: ' || SQLERRM;
        END;
        RETURN NEXT;
    END LOOP;
END
$$;
COMMENT ON FUNCTION maint.maintain_partitions(int) IS
    'For every partitioned table of ours: DEFAULT partition, monthly partitions p_months_ahead ahead and rows moved out of the DEFAULT (maint.ensure_partitions); one row per table.';
REVOKE ALL ON FUNCTION maint.maintain_partitions(int) FROM PUBLIC;

-- CALL maint.run_maintenance() → INOUT run_id bigint, INOUT steps jsonb
--   The daily maintenance (pg_cron 02:00 UTC when installed), one step after the other, one row per
--   step in maint.maintenance_runs (and in steps):
--     partitions   maint.maintain_partitions(3)
--     cleanup      CALL maint.cleanup_old_data()       (commits per partition and batch)
--     refresh      maint.refresh_materialized_views()  (dependency order, concurrently)
--     analytics    analytics.update_analytics(), when that function exists (after the refresh: it
--                  reads the materialized views, decision D-T14); otherwise 'skipped: not installed'
--     analyze      maint.analyze_all_tables()
--   A step's status: ok, partial (some item skipped or failed, see detail) or failed (the error).
--   A failing step does not stop the later ones. CALL it outside a transaction block, as a
--   superuser (as maint.cleanup_old_data).
CREATE PROCEDURE maint.run_maintenance(INOUT run_id bigint DEFAULT NULL, INOUT steps jsonb DEFAULT NULL)
LANGUAGE plpgsql
AS $$
DECLARE
    v_started timestamptz;
    v_detail  jsonb;
    v_status  text;
    v_report  jsonb;
    v_step    text;
BEGIN
    run_id := pg_catalog.nextval('maint.maintenance_runs_run_id_seq');
    steps := '[]'::jsonb;
    FOREACH v_step IN ARRAY ARRAY['partitions', 'cleanup', 'refresh', 'analytics', 'analyze'] LOOP
        v_started := pg_catalog.clock_timestamp();
        v_detail := NULL;
        IF v_step = 'cleanup' THEN
            CALL maint.cleanup_old_data(false, v_report);    -- commits: outside any exception block
            v_detail := v_report;
            v_status := CASE WHEN v_report @> '[{"status": "failed"}]' THEN 'partial'
                             WHEN v_report @> '[{"status": "partial"}]' THEN 'partial' ELSE 'ok' END;
        ELSE
            BEGIN
                IF v_step = 'partitions' THEN
                    SELECT COALESCE(pg_catalog.jsonb_agg(pg_catalog.to_jsonb(p)), '[]') INTO v_detail
                      FROM maint.maintain_partitions(3) AS p;
                ELSIF v_step = 'refresh' THEN
                    SELECT COALESCE(pg_catalog.jsonb_agg(pg_catalog.to_jsonb(r)), '[]') INTO v_detail
                      FROM maint.refresh_materialized_views() AS r;
                ELSIF v_step = 'analytics' THEN
                    IF pg_catalog.to_regprocedure('analytics.update_analytics()') IS NULL THEN
                        v_detail := '"skipped: analytics.update_analytics() is not installed"';
                    ELSE
                        EXECUTE 'SELECT analytics.update_analytics()';
                        v_detail := '"done"';
                    END IF;
                ELSE
                    SELECT COALESCE(pg_catalog.jsonb_agg(pg_catalog.to_jsonb(a)), '[]') INTO v_detail
                      FROM maint.analyze_all_tables() AS a;
                END IF;
                v_status := CASE WHEN pg_catalog.jsonb_typeof(v_detail) = 'array'
                                      AND EXISTS (SELECT 1 FROM pg_catalog.jsonb_array_elements(v_detail) AS e
                                                   WHERE e ->> 'status' <> 'ok')
                                 THEN 'partial' ELSE 'ok' END;
            EXCEPTION WHEN OTHERS THEN
                v_status := 'failed';
                v_detail := pg_catalog.to_jsonb(SQLERRM);
            END;
        END IF;
        INSERT INTO maint.maintenance_runs (run_id, step, status, detail, started_at, duration)
        VALUES (run_id, v_step, v_status, v_detail, v_started, pg_catalog.clock_timestamp() - v_started);
        steps := steps || pg_catalog.jsonb_build_array(pg_catalog.jsonb_build_object(
            'step', v_step, 'status', v_status, 'duration', (pg_catalog.clock_timestamp() - v_started)::text));
        COMMIT;
    END LOOP;
END
$$;
COMMENT ON PROCEDURE maint.run_maintenance(bigint, jsonb) IS
    'Daily maintenance: partitions ahead (and DEFAULT rows moved out), retention cleanup, materialized view refresh, analytics update when installed, ANALYZE; one row per step in maint.maintenance_runs. CALL outside a transaction block, as a superuser.';
REVOKE ALL ON PROCEDURE maint.run_maintenance(bigint, jsonb) FROM PUBLIC;
