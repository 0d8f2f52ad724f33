-- Monthly partitions with a DEFAULT partition as a safety net.
--
-- maint.ensure_default_partition(p_parent regclass) → text
--   Creates <table>_default, the DEFAULT partition of a partitioned table (any partitioning), when
--   it has none; returns its name, or NULL when one existed. Rows outside every partition land
--   there instead of failing the write (e.g. audit.logs after its last month ran out).
--
-- maint.ensure_partitions(p_parent regclass, p_months_ahead int DEFAULT 3)
--   → TABLE (partition_name text, range_start timestamptz, range_end timestamptz, rows_moved bigint)
--   For a table RANGE-partitioned on one timestamptz column: ensures its DEFAULT partition, then
--   creates the monthly partitions <table>_pYYYY_MM (UTC months) that are missing for the current
--   month, p_months_ahead months after it, and every month of which the DEFAULT partition holds
--   rows. A month whose rows sit in the DEFAULT partition is created empty beside the parent, the
--   rows are moved into it (copied, deleted from the DEFAULT, in this transaction), and it is
--   attached; rows_moved says how many. One row per partition created (the DEFAULT one with NULL
--   bounds); none on a second run.
--
-- Both: SECURITY DEFINER owned by chain_owner (partitions are always owned by chain_owner,
-- whoever calls), lock_timeout 5s (creating a partition locks the DEFAULT one: a lock not granted
-- in time fails the call, which the next run repeats), TimeZone UTC, search_path pinned.
-- Schema maint is owner-only; PUBLIC cannot execute them.

CREATE FUNCTION maint.ensure_default_partition(p_parent regclass)
RETURNS text
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
SET lock_timeout = '5s'
AS $$
DECLARE
    v_schema name;
    v_table  name;
BEGIN
    SELECT n.nspname, c.relname INTO v_schema, v_table
      FROM pg_catalog.pg_class AS c JOIN pg_catalog.pg_namespace AS n ON n.oid = c.relnamespace
     WHERE c.oid = p_parent AND c.relkind = 'p';
    IF NOT FOUND THEN
        RAISE EXCEPTION 'maint.ensure_default_partition: % is not a partitioned table', p_parent
            USING ERRCODE = 'wrong_object_type';
    END IF;
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_partitioned_table WHERE partrelid = p_parent AND partdefid <> 0) THEN
        RETURN NULL;
    END IF;
    IF pg_catalog.length(v_table) > 63 - pg_catalog.length('_default') THEN
        RAISE EXCEPTION 'maint.ensure_default_partition: table name % too long for a partition name', v_table
            USING ERRCODE = 'name_too_long';
    END IF;
    EXECUTE pg_catalog.format('CREATE TABLE %I.%I PARTITION OF %I.%I DEFAULT', v_schema, v_table || '_default', v_schema, v_table);
    EXECUTE pg_catalog.format('COMMENT ON TABLE %I.%I IS %L', v_schema, v_table || '_default',
        'DEFAULT partition of ' || pg_catalog.quote_ident(v_schema) || '.' || pg_catalog.quote_ident(v_table)
        || ' (safety net): should stay empty; maint.ensure_partitions moves its rows into their month.');
    RETURN pg_catalog.format('%I.%I', v_schema, v_table || '_default');
END
$$;
COMMENT ON FUNCTION maint.ensure_default_partition(regclass) IS
    'Creates the DEFAULT partition <table>_default of a partitioned table when missing (safety net for rows outside every partition); returns its name, NULL when it existed.';
REVOKE ALL ON FUNCTION maint.ensure_default_partition(regclass) FROM PUBLIC;

CREATE FUNCTION maint.ensure_partitions(p_parent regclass, p_months_ahead int DEFAULT 3)
RETURNS TABLE (partition_name text, range_start timestamptz, range_end timestamptz, rows_moved bigint)
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
SET lock_timeout = '5s'
SET TimeZone = 'UTC'
AS $$
DECLARE
    v_schema  name;
    v_table   name;
    v_key     name;
    v_default regclass;
    v_created text;
    v_month   timestamptz;
    v_name    text;
    v_from    text;
    v_to      text;
BEGIN
    IF p_months_ahead IS NULL OR p_months_ahead < 0 THEN
        RAISE EXCEPTION 'maint.ensure_partitions: p_months_ahead must be 0 or more, not %', p_months_ahead
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    SELECT n.nspname, c.relname, a.attname INTO v_schema, v_table, v_key
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

    v_created := maint.ensure_default_partition(p_parent);
    IF v_created IS NOT NULL THEN
        partition_name := v_created; range_start := NULL; range_end := NULL; rows_moved := 0;
        RETURN NEXT;
    END IF;
    SELECT pt.partdefid::regclass INTO v_default FROM pg_catalog.pg_partitioned_table AS pt WHERE pt.partrelid = p_parent;

    FOR v_month IN EXECUTE pg_catalog.format(
        'SELECT m FROM pg_catalog.generate_series($1, $2, interval ''1 month'') AS m
          UNION
         SELECT DISTINCT pg_catalog.date_trunc(''month'', d.%I) FROM %s AS d
          ORDER BY 1', v_key, v_default)
        USING pg_catalog.date_trunc('month', pg_catalog.now()),
              pg_catalog.date_trunc('month', pg_catalog.now()) + pg_catalog.make_interval(months => p_months_ahead)
    LOOP
        v_name := v_table || '_p' || pg_catalog.to_char(v_month, 'YYYY_MM');
        CONTINUE WHEN EXISTS (SELECT 1 FROM pg_catalog.pg_class AS c
                               WHERE c.relnamespace = pg_catalog.to_regnamespace(pg_catalog.quote_ident(v_schema))
                                 AND c.relname = v_name);
        v_from := pg_catalog.to_char(v_month, 'YYYY-MM-DD HH24:MI:SS') || '+00';
        v_to := pg_catalog.to_char(v_month + interval '1 month', 'YYYY-MM-DD HH24:MI:SS') || '+00';
        EXECUTE pg_catalog.format('SELECT pg_catalog.count(*) FROM %s WHERE %I >= $1 AND %I < $2', v_default, v_key, v_key)
           INTO rows_moved USING v_month, v_month + interval '1 month';
        IF rows_moved = 0 THEN
            EXECUTE pg_catalog.format(
                'CREATE TABLE IF NOT EXISTS %I.%I PARTITION OF %I.%I FOR VALUES FROM (%L) TO (%L)',
                v_schema, v_name, v_schema, v_table, v_from, v_to);
        ELSE
            -- the month's rows are in the DEFAULT partition: build the partition beside the parent,
            -- move them, then attach it (a partition of a range the DEFAULT still holds rows of
            -- cannot be created)
            EXECUTE pg_catalog.format(
                'CREATE TABLE %I.%I (LIKE %I.%I INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING STORAGE INCLUDING COMPRESSION)',
                v_schema, v_name, v_schema, v_table);
            EXECUTE pg_catalog.format('INSERT INTO %I.%I SELECT * FROM %s WHERE %I >= $1 AND %I < $2',
                                      v_schema, v_name, v_default, v_key, v_key)
               USING v_month, v_month + interval '1 month';
            EXECUTE pg_catalog.format('DELETE FROM %s WHERE %I >= $1 AND %I < $2', v_default, v_key, v_key)
               USING v_month, v_month + interval '1 month';
            EXECUTE pg_catalog.format('ALTER TABLE %I.%I ATTACH PARTITION %I.%I FOR VALUES FROM (%L) TO (%L)',
                                      v_schema, v_table, v_schema, v_name, v_from, v_to);
        END IF;
        partition_name := pg_catalog.format('%I.%I', v_schema, v_name);
        range_start := v_month;
        range_end := v_month + interval '1 month';
        RETURN NEXT;
    END LOOP;
END
$$;
COMMENT ON FUNCTION maint.ensure_partitions(regclass, int) IS
    'Ensures the DEFAULT partition and creates the missing monthly partitions <table>_pYYYY_MM (UTC months): the current month to p_months_ahead ahead, and every month whose rows sit in the DEFAULT partition (moved into it); returns what it created (none on a second run).';
REVOKE ALL ON FUNCTION maint.ensure_partitions(regclass, int) FROM PUBLIC;
