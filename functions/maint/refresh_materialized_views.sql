-- maint.refresh_materialized_views(p_only_due boolean DEFAULT false)
--   → TABLE (matview regclass, depth int, mode text, duration interval, status text, error text)
--   Refreshes the enabled materialized views of maint.matview_schedule (all of them, or with
--   p_only_due only those whose cadence has passed since their last refresh), in dependency order:
--   a view is refreshed after every materialized view it reads, directly or through plain views
--   (depth = how many materialized views it depends on). CONCURRENTLY (readers not blocked) when the
--   view is populated and has a unique index without WHERE on plain columns; plain otherwise (the
--   first refresh). A failing view is reported (status failed, its error) and the others still run.
--   One row per view; each refresh is recorded in maint.matview_schedule (last_refreshed_at =
--   start, last_duration, last_status, last_mode, last_error).
--   SECURITY DEFINER owned by chain_owner (REFRESH needs the owner), search_path pinned; schema
--   maint is owner-only (pg_cron, a superuser, chain_owner).
CREATE FUNCTION maint.refresh_materialized_views(p_only_due boolean DEFAULT false)
RETURNS TABLE (matview regclass, depth int, mode text, duration interval, status text, error text)
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_view    record;
    v_started timestamptz;
BEGIN
    FOR v_view IN
        WITH RECURSIVE edges AS (
            SELECT DISTINCT r.ev_class AS obj, d.refobjid AS ref
              FROM pg_catalog.pg_rewrite AS r
              JOIN pg_catalog.pg_depend AS d ON d.classid = 'pg_catalog.pg_rewrite'::regclass AND d.objid = r.oid
                                              AND d.refclassid = 'pg_catalog.pg_class'::regclass AND d.refobjid <> r.ev_class
        ), closure (obj, ref) AS (
            SELECT e.obj, e.ref FROM edges AS e
            UNION
            SELECT c.obj, e.ref FROM closure AS c JOIN edges AS e ON e.obj = c.ref
        )
        SELECT s.matview,
               (SELECT pg_catalog.count(DISTINCT c.ref)::int FROM closure AS c
                  JOIN pg_catalog.pg_class AS k ON k.oid = c.ref AND k.relkind = 'm'
                 WHERE c.obj = s.matview) AS depth
          FROM maint.matview_schedule AS s
          JOIN pg_catalog.pg_class AS m ON m.oid = s.matview AND m.relkind = 'm'
         WHERE s.enabled
           AND (NOT p_only_due OR s.last_refreshed_at IS NULL OR s.last_refreshed_at + s.cadence <= pg_catalog.now())
         ORDER BY 2, 1::text
    LOOP
        matview := v_view.matview;
        depth := v_view.depth;
        mode := CASE WHEN (SELECT m.relispopulated FROM pg_catalog.pg_class AS m WHERE m.oid = v_view.matview)
                      AND EXISTS (SELECT 1 FROM pg_catalog.pg_index AS x
                                   WHERE x.indrelid = v_view.matview AND x.indisunique AND x.indisvalid
                                     AND x.indpred IS NULL AND x.indexprs IS NULL AND 0 <> ALL (x.indkey))
                     THEN 'concurrently' ELSE 'plain' END;
        v_started := pg_catalog.clock_timestamp();
        BEGIN
            EXECUTE pg_catalog.format('REFRESH MATERIALIZED VIEW %s %s',
                                      CASE mode WHEN 'concurrently' THEN 'CONCURRENTLY' ELSE '' END, v_view.matview);
            status := 'ok';
            error := NULL;
        EXCEPTION WHEN OTHERS THEN
            status := 'failed';
            error := SQLERRM;
        END;
        duration := pg_catalog.clock_timestamp() - v_started;
        UPDATE maint.matview_schedule AS s
           SET last_refreshed_at = v_started, last_duration = duration, last_status = status,
               last_mode = mode, last_error = error
         WHERE s.matview = v_view.matview;
        RETURN NEXT;
    END LOOP;
END
$$;
COMMENT ON FUNCTION maint.refresh_materialized_views(boolean) IS
    'Refreshes the registered materialized views (maint.matview_schedule; p_only_due: only those past their cadence) in dependency order, CONCURRENTLY where possible; one row per view, recorded in maint.matview_schedule.';
REVOKE ALL ON FUNCTION maint.refresh_materialized_views(boolean) FROM PUBLIC;
