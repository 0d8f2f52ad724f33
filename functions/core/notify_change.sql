-- The change feed: an application cache listens and invalidates (replaces the seeds' Redis
-- invalidation). Channel `chaindb_changes`; payload, one JSON object per changed row:
--     {"schema": "core", "table": "users", "op": "UPDATE", "pk": {"id": 42}}
--   op is INSERT, UPDATE, DELETE or TRUNCATE (then pk is null: drop every cached row of the
--   table). pk holds the primary-key columns (the new key on UPDATE, the old one on DELETE).
--   Notifications are sent at commit, never for a rolled-back transaction, and duplicates within
--   one transaction are folded by PostgreSQL.
--
-- core.notify_change(VARIADIC pk column names as trigger arguments) → trigger
-- core.enable_notify(p_table regclass)  → void  idempotent; refuses a table without primary key
-- core.disable_notify(p_table regclass) → void  idempotent
--   enable/disable create or drop the triggers notify_change (AFTER INSERT/UPDATE/DELETE, row)
--   and notify_change_truncate (AFTER TRUNCATE, statement). Called by the table owner
--   (chain_owner, in deploy scripts); PUBLIC cannot execute them.

CREATE FUNCTION core.notify_change()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_row jsonb;
    v_pk  jsonb;
BEGIN
    IF TG_OP <> 'TRUNCATE' THEN
        IF TG_OP = 'DELETE' THEN
            v_row := pg_catalog.to_jsonb(OLD);
        ELSE
            v_row := pg_catalog.to_jsonb(NEW);
        END IF;
        v_pk := '{}'::jsonb;
        FOR v_i IN 0 .. TG_NARGS - 1 LOOP
            v_pk := v_pk || pg_catalog.jsonb_build_object(TG_ARGV[v_i], v_row -> TG_ARGV[v_i]);
        END LOOP;
    END IF;
    PERFORM pg_catalog.pg_notify('chaindb_changes',
        pg_catalog.json_build_object('schema', TG_TABLE_SCHEMA, 'table', TG_TABLE_NAME, 'op', TG_OP, 'pk', v_pk)::text);
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION core.notify_change() IS
    'Change-feed trigger: pg_notify(''chaindb_changes'', {"schema","table","op","pk"}) per changed row (pk null on TRUNCATE); trigger arguments are the primary-key columns. Install with core.enable_notify(regclass).';
REVOKE ALL ON FUNCTION core.notify_change() FROM PUBLIC;

CREATE FUNCTION core.enable_notify(p_table regclass)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_pk text[] := core.primary_key_columns(p_table);
BEGIN
    IF v_pk IS NULL THEN
        RAISE EXCEPTION 'core.enable_notify: table % has no primary key', p_table
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  HINT = 'The change feed identifies rows by primary key; add one first.';
    END IF;
    PERFORM core.disable_notify(p_table);
    EXECUTE pg_catalog.format(
        'CREATE TRIGGER notify_change AFTER INSERT OR UPDATE OR DELETE ON %s FOR EACH ROW EXECUTE FUNCTION core.notify_change(%s)',
        p_table, (SELECT pg_catalog.string_agg(pg_catalog.quote_literal(c), ', ') FROM pg_catalog.unnest(v_pk) AS c));
    EXECUTE pg_catalog.format(
        'CREATE TRIGGER notify_change_truncate AFTER TRUNCATE ON %s FOR EACH STATEMENT EXECUTE FUNCTION core.notify_change()',
        p_table);
    EXECUTE pg_catalog.format('COMMENT ON TRIGGER notify_change ON %s IS %L', p_table,
        'Change feed: pg_notify on chaindb_changes per changed row, key columns only (core.enable_notify).');
    EXECUTE pg_catalog.format('COMMENT ON TRIGGER notify_change_truncate ON %s IS %L', p_table,
        'Change feed: pg_notify on chaindb_changes for a TRUNCATE (core.enable_notify).');
END
$$;
COMMENT ON FUNCTION core.enable_notify(regclass) IS
    'Sends the table''s changes on channel chaindb_changes (triggers notify_change, notify_change_truncate); idempotent; refuses a table without primary key.';
REVOKE ALL ON FUNCTION core.enable_notify(regclass) FROM PUBLIC;

CREATE FUNCTION core.disable_notify(p_table regclass)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_trigger name;
BEGIN
    FOR v_trigger IN
        SELECT t.tgname FROM pg_catalog.pg_trigger AS t
         WHERE t.tgrelid = p_table AND t.tgname IN ('notify_change', 'notify_change_truncate')
    LOOP
        EXECUTE pg_catalog.format('DROP TRIGGER %I ON %s', v_trigger, p_table);
    END LOOP;
END
$$;
COMMENT ON FUNCTION core.disable_notify(regclass) IS 'Stops the table''s change feed (drops its notify_change triggers); idempotent.';
REVOKE ALL ON FUNCTION core.disable_notify(regclass) FROM PUBLIC;
