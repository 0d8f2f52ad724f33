-- Row history of tracked tables into audit.logs.
--
-- audit.enable_tracking(p_table regclass, p_statement_level boolean DEFAULT false) → void
--   Idempotent (re-running replaces the triggers, e.g. to switch mode or after a key change).
--   Refuses (55000) a table without primary key, and anything but a table outside schema audit.
--   Looks the primary key up once, here, and passes its columns to the triggers as arguments.
--     row mode (default):   trigger audit_capture, AFTER INSERT OR UPDATE OR DELETE FOR EACH ROW
--     statement mode:       triggers audit_capture_insert / _update / _delete, FOR EACH STATEMENT
--                           with transition tables: for bulk-loaded tables (one INSERT … SELECT
--                           per statement instead of one per row)
--     both:                 audit_capture_truncate, AFTER TRUNCATE FOR EACH STATEMENT
-- audit.disable_tracking(p_table regclass) → void   idempotent; drops those triggers
--   Both run as the caller, who must own the table (chain_owner in deploy scripts).
--
-- audit.capture() / audit.capture_statement() → trigger
--   SECURITY DEFINER (as chain_owner), search_path pinned: nobody but chain_owner can write
--   audit.logs, so no writer can forge history. One audit row per changed row: operation,
--   record_pk, old/new row as jsonb, the changed columns of an UPDATE, actor
--   core.current_user_id(), session_user, txid. These two functions are audit.logs' only
--   writers; test/pgtap/audit/capture.sql checks what they write per operation.
--   UPDATEs that change nothing are not logged. In statement mode an UPDATE's old and new rows
--   are paired by primary key, so an UPDATE that changes the key is logged as two half rows.
--   Why definer, and what keeps the trigger cheap (measured): bench/RESULTS.md, "Audit design
--   notes".
--
-- audit.record_pk(p_row jsonb, p_columns text[]) → jsonb
--   The key object of a composite key ({"a": 1, "b": 2}) from a row image; both triggers use it.

CREATE FUNCTION audit.capture()
RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_old     jsonb;
    v_new     jsonb;
    v_pk      jsonb;
    v_changed text[];
BEGIN
    -- each row is turned into jsonb once; the key is read from it by the names in TG_ARGV
    IF TG_OP = 'INSERT' THEN
        v_new := pg_catalog.to_jsonb(NEW);
    ELSIF TG_OP = 'DELETE' THEN
        v_old := pg_catalog.to_jsonb(OLD);
    ELSE
        v_old := pg_catalog.to_jsonb(OLD);
        v_new := pg_catalog.to_jsonb(NEW);
        IF v_old = v_new THEN
            RETURN NULL;  -- nothing changed
        END IF;
        SELECT pg_catalog.array_agg(n.key ORDER BY n.key) INTO v_changed
          FROM pg_catalog.jsonb_each(v_new) AS n
         WHERE (v_old -> n.key) IS DISTINCT FROM n.value;
    END IF;
    -- plain assignments (PL/pgSQL evaluates them without the executor), so the INSERT below has
    -- no sub-plan to set up per row: the aggregate only runs for a composite key
    IF TG_NARGS = 1 THEN
        v_pk := pg_catalog.jsonb_set('{}', ARRAY[TG_ARGV[0]], COALESCE(v_new, v_old) -> TG_ARGV[0]);
    ELSE
        v_pk := audit.record_pk(COALESCE(v_new, v_old), TG_ARGV);
    END IF;
    INSERT INTO audit.logs (table_schema, table_name, operation, record_pk, old_record, new_record,
                            changed_columns, actor_id)
    VALUES (TG_TABLE_SCHEMA, TG_TABLE_NAME, TG_OP::audit.operation, v_pk, v_old, v_new, v_changed,
            core.current_user_id());
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION audit.capture() IS
    'Row-level audit trigger: one audit.logs row per changed row; trigger arguments are the primary-key columns. Install with audit.enable_tracking(regclass).';
REVOKE ALL ON FUNCTION audit.capture() FROM PUBLIC;

CREATE FUNCTION audit.record_pk(p_row jsonb, p_columns text[])
RETURNS jsonb
LANGUAGE sql
IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT pg_catalog.jsonb_object_agg(k, p_row -> k) FROM pg_catalog.unnest(p_columns) AS k
$$;
COMMENT ON FUNCTION audit.record_pk(jsonb, text[]) IS
    'The key object of a row with a composite primary key ({"a": 1, "b": 2}) from its jsonb image and key column names.';
REVOKE ALL ON FUNCTION audit.record_pk(jsonb, text[]) FROM PUBLIC;

CREATE FUNCTION audit.capture_statement()
RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_pk    text[] := TG_ARGV;
    v_key   text := TG_ARGV[0];          -- the key column when it is a single one (the usual case)
    v_one   boolean := TG_NARGS = 1;
    v_actor bigint := core.current_user_id();
    v_user  text := SESSION_USER;                -- once, not as the column defaults do per row
    v_txid  bigint := pg_catalog.txid_current();
BEGIN
    -- Each row becomes jsonb once: the OFFSET 0 keeps the planner from pulling the sub-select up
    -- and so evaluating to_jsonb() once per reference (the key and the image: twice a row).
    -- record_pk: jsonb_set('{}', …) for a one-column key (half the cost of jsonb_build_object, which
    -- looks up the type of each argument per call), audit.record_pk() for a composite one.
    IF TG_OP = 'TRUNCATE' THEN
        INSERT INTO audit.logs (table_schema, table_name, operation, actor_id, db_user, txid)
        VALUES (TG_TABLE_SCHEMA, TG_TABLE_NAME, 'TRUNCATE', v_actor, v_user, v_txid);
    ELSIF TG_OP = 'INSERT' THEN
        INSERT INTO audit.logs (table_schema, table_name, operation, record_pk, new_record, actor_id, db_user, txid)
        SELECT TG_TABLE_SCHEMA, TG_TABLE_NAME, 'INSERT',
               CASE WHEN v_one THEN pg_catalog.jsonb_set('{}', ARRAY[v_key], r.j -> v_key)
                    ELSE audit.record_pk(r.j, v_pk) END,
               r.j, v_actor, v_user, v_txid
          FROM (SELECT pg_catalog.to_jsonb(n) AS j FROM new_rows AS n OFFSET 0) AS r;
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO audit.logs (table_schema, table_name, operation, record_pk, old_record, actor_id, db_user, txid)
        SELECT TG_TABLE_SCHEMA, TG_TABLE_NAME, 'DELETE',
               CASE WHEN v_one THEN pg_catalog.jsonb_set('{}', ARRAY[v_key], r.j -> v_key)
                    ELSE audit.record_pk(r.j, v_pk) END,
               r.j, v_actor, v_user, v_txid
          FROM (SELECT pg_catalog.to_jsonb(o) AS j FROM old_rows AS o OFFSET 0) AS r;
    ELSE
        -- old and new rows paired by key (a FULL JOIN: an UPDATE that changes the key leaves
        -- two half rows)
        INSERT INTO audit.logs (table_schema, table_name, operation, record_pk, old_record, new_record,
                                changed_columns, actor_id, db_user, txid)
        SELECT TG_TABLE_SCHEMA, TG_TABLE_NAME, 'UPDATE', COALESCE(nk.pk, ok.pk), ok.j, nk.j,
               (SELECT pg_catalog.array_agg(e.key ORDER BY e.key)
                  FROM pg_catalog.jsonb_each(nk.j) AS e
                 WHERE (ok.j -> e.key) IS DISTINCT FROM e.value),
               v_actor, v_user, v_txid
          FROM (SELECT r.j, CASE WHEN v_one THEN pg_catalog.jsonb_set('{}', ARRAY[v_key], r.j -> v_key)
                                 ELSE audit.record_pk(r.j, v_pk) END AS pk
                  FROM (SELECT pg_catalog.to_jsonb(o) AS j FROM old_rows AS o OFFSET 0) AS r) AS ok
          FULL JOIN
               (SELECT r.j, CASE WHEN v_one THEN pg_catalog.jsonb_set('{}', ARRAY[v_key], r.j -> v_key)
                                 ELSE audit.record_pk(r.j, v_pk) END AS pk
                  FROM (SELECT pg_catalog.to_jsonb(n) AS j FROM new_rows AS n OFFSET 0) AS r) AS nk
            ON nk.pk = ok.pk
         WHERE ok.j IS DISTINCT FROM nk.j;
    END IF;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION audit.capture_statement() IS
    'Statement-level audit trigger over transition tables old_rows/new_rows (bulk-loaded tables), and the TRUNCATE trigger of both modes; arguments are the primary-key columns.';
REVOKE ALL ON FUNCTION audit.capture_statement() FROM PUBLIC;

CREATE FUNCTION audit.disable_tracking(p_table regclass)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_trigger name;
BEGIN
    FOR v_trigger IN
        SELECT t.tgname FROM pg_catalog.pg_trigger AS t
         WHERE t.tgrelid = p_table
           AND t.tgname IN ('audit_capture', 'audit_capture_insert', 'audit_capture_update',
                            'audit_capture_delete', 'audit_capture_truncate')
    LOOP
        EXECUTE pg_catalog.format('DROP TRIGGER %I ON %s', v_trigger, p_table);
    END LOOP;
END
$$;
COMMENT ON FUNCTION audit.disable_tracking(regclass) IS 'Stops auditing a table (drops its audit_capture* triggers); idempotent.';
REVOKE ALL ON FUNCTION audit.disable_tracking(regclass) FROM PUBLIC;

CREATE FUNCTION audit.enable_tracking(p_table regclass, p_statement_level boolean DEFAULT false)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_kind   "char";
    v_schema name;
    v_pk     text[];
    v_args   text;
BEGIN
    SELECT c.relkind, n.nspname INTO v_kind, v_schema
      FROM pg_catalog.pg_class AS c JOIN pg_catalog.pg_namespace AS n ON n.oid = c.relnamespace
     WHERE c.oid = p_table;
    IF v_kind NOT IN ('r', 'p') OR v_schema = 'audit' THEN
        RAISE EXCEPTION 'audit.enable_tracking: % is not a table that can be audited', p_table
            USING ERRCODE = 'wrong_object_type', HINT = 'Only ordinary or partitioned tables outside schema audit.';
    END IF;
    v_pk := core.primary_key_columns(p_table);
    IF v_pk IS NULL THEN
        RAISE EXCEPTION 'audit.enable_tracking: table % has no primary key', p_table
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  HINT = 'Audit rows identify the changed row by its primary key; add one first.';
    END IF;
    v_args := (SELECT pg_catalog.string_agg(pg_catalog.quote_literal(c), ', ') FROM pg_catalog.unnest(v_pk) AS c);

    PERFORM audit.disable_tracking(p_table);
    IF p_statement_level THEN
        EXECUTE pg_catalog.format('CREATE TRIGGER audit_capture_insert AFTER INSERT ON %s '
            'REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture_statement(%s)', p_table, v_args);
        EXECUTE pg_catalog.format('CREATE TRIGGER audit_capture_update AFTER UPDATE ON %s '
            'REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture_statement(%s)', p_table, v_args);
        EXECUTE pg_catalog.format('CREATE TRIGGER audit_capture_delete AFTER DELETE ON %s '
            'REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit.capture_statement(%s)', p_table, v_args);
    ELSE
        EXECUTE pg_catalog.format('CREATE TRIGGER audit_capture AFTER INSERT OR UPDATE OR DELETE ON %s '
            'FOR EACH ROW EXECUTE FUNCTION audit.capture(%s)', p_table, v_args);
    END IF;
    EXECUTE pg_catalog.format('CREATE TRIGGER audit_capture_truncate AFTER TRUNCATE ON %s '
        'FOR EACH STATEMENT EXECUTE FUNCTION audit.capture_statement()', p_table);
    IF p_statement_level THEN
        EXECUTE pg_catalog.format('COMMENT ON TRIGGER audit_capture_insert ON %s IS %L', p_table,
                                  'Audits inserted rows into audit.logs, one statement at a time (audit.enable_tracking).');
        EXECUTE pg_catalog.format('COMMENT ON TRIGGER audit_capture_update ON %s IS %L', p_table,
                                  'Audits updated rows into audit.logs, one statement at a time (audit.enable_tracking).');
        EXECUTE pg_catalog.format('COMMENT ON TRIGGER audit_capture_delete ON %s IS %L', p_table,
                                  'Audits deleted rows into audit.logs, one statement at a time (audit.enable_tracking).');
    ELSE
        EXECUTE pg_catalog.format('COMMENT ON TRIGGER audit_capture ON %s IS %L', p_table,
                                  'Audits every inserted, updated and deleted row into audit.logs (audit.enable_tracking).');
    END IF;
    EXECUTE pg_catalog.format('COMMENT ON TRIGGER audit_capture_truncate ON %s IS %L', p_table,
                              'Audits a TRUNCATE into audit.logs (audit.enable_tracking).');
END
$$;
COMMENT ON FUNCTION audit.enable_tracking(regclass, boolean) IS
    'Audits a table into audit.logs: row triggers, or statement triggers with transition tables when p_statement_level; idempotent; refuses a table without primary key.';
REVOKE ALL ON FUNCTION audit.enable_tracking(regclass, boolean) FROM PUBLIC;
