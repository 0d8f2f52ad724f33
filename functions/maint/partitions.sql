-- maint.ensure_partitions(p_parent regclass, p_months_ahead int DEFAULT 3), as change
-- maint/partitions deploys it (maint/default_partitions replaces it and, on revert, restores this file)
--   → TABLE (partition_name text, range_start timestamptz, range_end timestamptz)
--   Monthly range partitions, kept ahead at run time (the Jinja renderer `chaindb render
--   partitions` emits the very same DDL for review or shipping as a plan change):
--     CREATE TABLE IF NOT EXISTS <schema>.<table>_pYYYY_MM PARTITION OF <schema>.<table>
--         FOR VALUES FROM ('YYYY-MM-01 00:00:00+00') TO ('<next month>-01 00:00:00+00')
--   Creates the partitions of the current UTC month and p_months_ahead months after it that do
--   not exist yet, in the parent's schema, and returns one row per partition it created (0 rows
--   when all exist: idempotent). The parent must be RANGE-partitioned on one timestamptz column.
--   SECURITY DEFINER owned by chain_owner (partitions are always owned by chain_owner, whoever
--   calls), lock_timeout 5s, TimeZone UTC (month boundaries are UTC midnights), search_path
--   pinned. Schema maint is owner-only; PUBLIC cannot execute it.

CREATE FUNCTION maint.ensure_partitions(p_parent regclass, p_months_ahead int DEFAULT 3)
RETURNS TABLE (partition_name text, range_start timestamptz, range_end timestamptz)
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
SET lock_timeout = '5s'
SET TimeZone = 'UTC'
AS $$
DECLARE
    v_schema name;
    v_table  name;
    v_month  timestamptz;
    v_name   text;
BEGIN
    IF p_months_ahead IS NULL OR p_months_ahead < 0 THEN
        RAISE EXCEPTION 'maint.ensure_partitions: p_months_ahead must be 0 or more, not %', p_months_ahead
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    SELECT n.nspname, c.relname INTO v_schema, v_table
      FROM pg_catalog.pg_class AS c
      JOIN pg_catalog.pg_namespace AS n ON n.oid = c.relnamespace
      JOIN pg_catalog.pg_partitioned_table AS pt ON pt.partrelid = c.oid
      JOIN pg_catalog.pg_attribute AS a ON a.attrelid = c.oid AND a.attnum = pt.partattrs[0]
     WHERE c.oid = p_parent AND pt.partstrat = 'r' AND pt.partnatts = 1
       AND a.atttypid = 'pg_catalog.timestamptz'::pg_catalog.regtype;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'maint.ensure_partitions: % is not range-partitioned on one timestamptz column', p_parent
            USING ERRCODE = 'wrong_object_type';
    END IF;
    IF pg_catalog.length(v_table) > 63 - pg_catalog.length('_pYYYY_MM') THEN
        RAISE EXCEPTION 'maint.ensure_partitions: table name % too long for partition names', v_table
            USING ERRCODE = 'name_too_long';
    END IF;

    FOR v_month IN
        SELECT pg_catalog.generate_series(pg_catalog.date_trunc('month', pg_catalog.now()),
                                          pg_catalog.date_trunc('month', pg_catalog.now())
                                              + pg_catalog.make_interval(months => p_months_ahead),
                                          interval '1 month')
    LOOP
        v_name := v_table || '_p' || pg_catalog.to_char(v_month, 'YYYY_MM');
        CONTINUE WHEN EXISTS (SELECT 1 FROM pg_catalog.pg_class AS c
                               WHERE c.relnamespace = pg_catalog.to_regnamespace(pg_catalog.quote_ident(v_schema))
                                 AND c.relname = v_name);
        EXECUTE pg_catalog.format(
            'CREATE TABLE IF NOT EXISTS %I.%I PARTITION OF %I.%I FOR VALUES FROM (%L) TO (%L)',
            v_schema, v_name, v_schema, v_table,
            pg_catalog.to_char(v_month, 'YYYY-MM-DD HH24:MI:SS') || '+00',
            pg_catalog.to_char(v_month + interval '1 month', 'YYYY-MM-DD HH24:MI:SS') || '+00');
        partition_name := pg_catalog.format('%I.%I', v_schema, v_name);
        range_start := v_month;
        range_end := v_month + interval '1 month';
        RETURN NEXT;
    END LOOP;
END
$$;
COMMENT ON FUNCTION maint.ensure_partitions(regclass, int) IS
    'Creates the missing monthly partitions <table>_pYYYY_MM (UTC months) from the current month to p_months_ahead ahead; returns what it created (none on a second run).';
REVOKE ALL ON FUNCTION maint.ensure_partitions(regclass, int) FROM PUBLIC;
