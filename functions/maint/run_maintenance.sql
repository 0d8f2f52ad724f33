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

-- maint.maintenance_step(p_step text) → jsonb {status, detail}
--   One step of maint.run_maintenance but the cleanup (a procedure): partitions, refresh, analytics
--   or analyze. status: ok, partial (an item of the detail is not ok) or failed (detail: the error).
CREATE FUNCTION maint.maintenance_step(p_step text)
RETURNS jsonb
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_detail jsonb;
    v_fn     regproc;
BEGIN
    IF p_step = 'partitions' THEN
        SELECT COALESCE(jsonb_agg(to_jsonb(p)), '[]') INTO v_detail FROM maint.maintain_partitions(3) AS p;
    ELSIF p_step = 'refresh' THEN
        SELECT COALESCE(jsonb_agg(to_jsonb(r)), '[]') INTO v_detail FROM maint.refresh_materialized_views() AS r;
    ELSIF p_step = 'analytics' THEN
        -- decision D-T14: after the refresh, because update_analytics reads the materialized views
        v_fn := to_regproc('analytics.update_analytics');
        IF v_fn IS NULL THEN
            RETURN jsonb_build_object('status', 'ok', 'detail', 'skipped: analytics.update_analytics() is not installed');
        END IF;
        EXECUTE format('SELECT %s()', v_fn);
        v_detail := to_jsonb('done'::text);
    ELSIF p_step = 'analyze' THEN
        SELECT COALESCE(jsonb_agg(to_jsonb(a)), '[]') INTO v_detail FROM maint.analyze_all_tables() AS a;
    ELSE
        RAISE EXCEPTION 'maint.maintenance_step: unknown step %', p_step USING ERRCODE = 'invalid_parameter_value';
    END IF;
    RETURN jsonb_build_object(
        'status', CASE WHEN jsonb_typeof(v_detail) = 'array'
                            AND EXISTS (SELECT 1 FROM jsonb_array_elements(v_detail) AS e WHERE e ->> 'status' <> 'ok')
                       THEN 'partial' ELSE 'ok' END,
        'detail', v_detail);
EXCEPTION WHEN OTHERS THEN
    RETURN jsonb_build_object('status', 'failed', 'detail', to_jsonb(SQLERRM));
END
$$;
COMMENT ON FUNCTION maint.maintenance_step(text) IS
    'One step of maint.run_maintenance (partitions, refresh, analytics, analyze) with its status (ok, partial, failed) and detail.';
REVOKE ALL ON FUNCTION maint.maintenance_step(text) FROM PUBLIC;

-- maint.record_maintenance_step(p_run_id, p_step, p_started, p_result jsonb) → jsonb
--   Writes the step's row to maint.maintenance_runs (the cleanup's status from its report: partial
--   when a rule is partial or failed) and returns its summary {step, status, duration}.
CREATE FUNCTION maint.record_maintenance_step(p_run_id bigint, p_step text, p_started timestamptz, p_result jsonb)
RETURNS jsonb
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_status text := p_result ->> 'status';
    v_detail jsonb := p_result -> 'detail';
BEGIN
    IF p_step = 'cleanup' THEN
        v_detail := p_result;
        v_status := CASE WHEN EXISTS (SELECT 1 FROM jsonb_array_elements(p_result) AS e WHERE e ->> 'status' <> 'ok')
                         THEN 'partial' ELSE 'ok' END;
    END IF;
    INSERT INTO maint.maintenance_runs (run_id, step, status, detail, started_at, duration)
    VALUES (p_run_id, p_step, v_status, v_detail, p_started, clock_timestamp() - p_started);
    RETURN jsonb_build_object('step', p_step, 'status', v_status, 'duration', (clock_timestamp() - p_started)::text);
END
$$;
COMMENT ON FUNCTION maint.record_maintenance_step(bigint, text, timestamptz, jsonb) IS
    'Writes one step of a maint.run_maintenance run to maint.maintenance_runs and returns its summary.';
REVOKE ALL ON FUNCTION maint.record_maintenance_step(bigint, text, timestamptz, jsonb) FROM PUBLIC;

-- maint.is_cleanup_step(text) → boolean: the step is the cleanup (run as a procedure call).
CREATE FUNCTION maint.is_cleanup_step(p_step text)
RETURNS boolean
LANGUAGE sql IMMUTABLE
SET search_path = pg_catalog, pg_temp
AS $$ SELECT p_step = 'cleanup' $$;
COMMENT ON FUNCTION maint.is_cleanup_step(text) IS 'Whether a maint.run_maintenance step is the cleanup (a procedure call, not a maint.maintenance_step).';
REVOKE ALL ON FUNCTION maint.is_cleanup_step(text) FROM PUBLIC;

-- CALL maint.run_maintenance() → INOUT run_id bigint, INOUT steps jsonb
--   The daily maintenance (pg_cron 02:00 UTC when installed), one step after the other, one row per
--   step in maint.maintenance_runs (and in steps):
--     partitions   maint.maintain_partitions(3)
--     cleanup      CALL maint.cleanup_old_data()       (commits per partition and batch)
--     refresh      maint.refresh_materialized_views()  (dependency order, concurrently)
--     analytics    analytics.update_analytics(), when that function exists (after the refresh: it
--                  reads the materialized views, decision D-T14); otherwise skipped, said in detail
--     analyze      maint.analyze_all_tables()
--   A step's status: ok, partial (some item skipped or failed, see detail) or failed (the error).
--   A failing step does not stop the later ones. CALL it outside a transaction block, as a
--   superuser (as maint.cleanup_old_data). A loop of calls and COMMITs only (no SET clause is
--   allowed on a procedure that commits; every name is schema-qualified).
CREATE PROCEDURE maint.run_maintenance(INOUT run_id bigint DEFAULT NULL, INOUT steps jsonb DEFAULT NULL)
LANGUAGE plpgsql
AS $$
DECLARE
    v_started timestamptz;
    v_result  jsonb;
    v_step    text;
BEGIN
    run_id := pg_catalog.nextval('maint.maintenance_runs_run_id_seq'::pg_catalog.regclass);
    steps := pg_catalog.jsonb_build_array();
    FOREACH v_step IN ARRAY ARRAY['partitions', 'cleanup', 'refresh', 'analytics', 'analyze'] LOOP
        v_started := pg_catalog.clock_timestamp();
        IF maint.is_cleanup_step(v_step) THEN
            CALL maint.cleanup_old_data(false, v_result);    -- commits as it goes
        ELSE
            v_result := maint.maintenance_step(v_step);
        END IF;
        steps := pg_catalog.jsonb_concat(steps, pg_catalog.jsonb_build_array(
                     maint.record_maintenance_step(run_id, v_step, v_started, v_result)));
        COMMIT;
    END LOOP;
END
$$;
COMMENT ON PROCEDURE maint.run_maintenance(bigint, jsonb) IS
    'Daily maintenance: partitions ahead (and DEFAULT rows moved out), retention cleanup, materialized view refresh, analytics update when installed, ANALYZE; one row per step in maint.maintenance_runs. CALL outside a transaction block, as a superuser.';
REVOKE ALL ON PROCEDURE maint.run_maintenance(bigint, jsonb) FROM PUBLIC;
