-- ops.validate_retention_policy() → trigger
--   BEFORE INSERT OR UPDATE row trigger of ops.retention_policies: the rule must fit its table.
--     * the table is a plain or partitioned table;
--     * time_column is one of its columns, of type timestamptz, timestamp or date;
--     * an archive rule needs a primary key (archive.rows records each row under its key);
--     * row_filter parses as a predicate over the table (planned, never run: SELECT … LIMIT 0).
--   Rejections raise SQLSTATE 22023 (invalid_parameter_value) with a one-line message.
--   SECURITY INVOKER: the filter is planned with the writer's privileges (chain_owner or a
--   superuser: nobody else may write the table).
CREATE FUNCTION ops.validate_retention_policy()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_kind  "char";
    v_type  regtype;
BEGIN
    SELECT c.relkind INTO v_kind FROM pg_catalog.pg_class AS c WHERE c.oid = NEW.table_name;
    IF v_kind IS NULL OR v_kind NOT IN ('r', 'p') THEN
        RAISE EXCEPTION 'ops.retention_policies: % is not a table', NEW.table_name
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    SELECT a.atttypid::regtype INTO v_type
      FROM pg_catalog.pg_attribute AS a
     WHERE a.attrelid = NEW.table_name AND a.attname = NEW.time_column AND a.attnum > 0 AND NOT a.attisdropped;
    IF v_type IS NULL THEN
        RAISE EXCEPTION 'ops.retention_policies: % has no column %', NEW.table_name, NEW.time_column
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF v_type NOT IN ('pg_catalog.timestamptz'::regtype, 'pg_catalog.timestamp'::regtype, 'pg_catalog.date'::regtype) THEN
        RAISE EXCEPTION 'ops.retention_policies: %.% is %, not a time (timestamptz, timestamp or date)',
                        NEW.table_name, NEW.time_column, v_type
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF NEW.action = 'archive' AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_index AS x
                                               WHERE x.indrelid = NEW.table_name AND x.indisprimary) THEN
        RAISE EXCEPTION 'ops.retention_policies: % has no primary key, which an archive rule needs', NEW.table_name
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    -- (an empty filter or one with a ';' is left to retention_policies_row_filter_check)
    IF NEW.row_filter IS NOT NULL AND pg_catalog.btrim(NEW.row_filter) <> '' AND pg_catalog.strpos(NEW.row_filter, ';') = 0 THEN
        BEGIN
            EXECUTE pg_catalog.format('SELECT 1 FROM %s WHERE (%s) LIMIT 0', NEW.table_name, NEW.row_filter);
        EXCEPTION WHEN OTHERS THEN
            RAISE EXCEPTION 'ops.retention_policies: row_filter of % does not parse: %', NEW.table_name, SQLERRM
                USING ERRCODE = 'invalid_parameter_value';
        END;
    END IF;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION ops.validate_retention_policy() IS
    'BEFORE INSERT OR UPDATE trigger of ops.retention_policies: the table exists, time_column is a time column, archive rules have a primary key, row_filter parses.';
REVOKE ALL ON FUNCTION ops.validate_retention_policy() FROM PUBLIC;
