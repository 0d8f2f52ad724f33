-- maint.analyze_all_tables() → TABLE (table_name regclass, duration interval, status text)
--   ANALYZE of every table of ours (plain and partitioned; a partitioned table's ANALYZE samples
--   all its partitions and recurses into each) in every schema but the system ones and
--   public/tap/tests/sqitch, and of every materialized view. A table whose lock is not granted
--   within lock_timeout 5s is reported 'skipped: lock not available'; another failure 'failed: …'.
--   One row per table. SECURITY DEFINER owned by chain_owner (ANALYZE needs the owner), search_path
--   pinned. (VACUUM cannot run inside a function: pg_cron runs VACUUM (ANALYZE) weekly as a command.)
CREATE FUNCTION maint.analyze_all_tables()
RETURNS TABLE (table_name regclass, duration interval, status text)
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
SET lock_timeout = '5s'
AS $$
DECLARE
    v_started timestamptz;
BEGIN
    FOR table_name IN
        SELECT c.oid::regclass FROM pg_catalog.pg_class AS c
          JOIN pg_catalog.pg_namespace AS n ON n.oid = c.relnamespace
         WHERE c.relkind IN ('r', 'p', 'm') AND NOT c.relispartition
           AND c.relowner = 'chain_owner'::regrole
           AND n.nspname NOT LIKE 'pg\_%' AND n.nspname NOT IN ('information_schema', 'public', 'tap', 'tests', 'sqitch')
         ORDER BY n.nspname, c.relname
    LOOP
        v_started := pg_catalog.clock_timestamp();
        BEGIN
            EXECUTE pg_catalog.format('ANALYZE %s', table_name);
            status := 'ok';
        EXCEPTION
            WHEN lock_not_available THEN status := 'skipped: lock not available';
            WHEN OTHERS THEN status := 'failed: ' || SQLERRM;
        END;
        duration := pg_catalog.clock_timestamp() - v_started;
        RETURN NEXT;
    END LOOP;
END
$$;
COMMENT ON FUNCTION maint.analyze_all_tables() IS
    'ANALYZE of every table and materialized view of ours (partitioned tables with their partitions); one row per table, skipped when its lock is not available within 5s.';
REVOKE ALL ON FUNCTION maint.analyze_all_tables() FROM PUBLIC;
