-- Revert chaindb:maint/default_partitions from pg

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

-- the DEFAULT partitions go, unless one holds rows (their months must get partitions first:
-- SELECT * FROM maint.ensure_partitions(...) before reverting)
DO $$
DECLARE
    v_default regclass;
    v_rows    boolean;
BEGIN
    FOR v_default IN
        SELECT pt.partdefid::regclass FROM pg_catalog.pg_partitioned_table AS pt
          JOIN pg_catalog.pg_class AS c ON c.oid = pt.partrelid
          JOIN pg_catalog.pg_namespace AS n ON n.oid = c.relnamespace
         WHERE pt.partdefid <> 0
           AND n.nspname NOT LIKE 'pg\_%' AND n.nspname NOT IN ('information_schema', 'public', 'tap', 'tests', 'sqitch')
    LOOP
        EXECUTE pg_catalog.format('SELECT EXISTS (SELECT 1 FROM %s)', v_default) INTO v_rows;
        IF v_rows THEN
            RAISE EXCEPTION 'maint/default_partitions: % holds rows; give their months partitions before reverting', v_default
                USING ERRCODE = 'object_not_in_prerequisite_state';
        END IF;
        EXECUTE pg_catalog.format('DROP TABLE %s', v_default);
    END LOOP;
END
$$;

SET LOCAL ROLE chain_owner;

DROP FUNCTION maint.ensure_partitions(regclass, int);
DROP FUNCTION maint.ensure_default_partition(regclass);

-- the previous maint.ensure_partitions (change maint/partitions)
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

COMMIT;
