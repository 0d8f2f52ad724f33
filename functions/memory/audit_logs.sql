-- memory.audit_log_append_only() → trigger (BEFORE UPDATE OR DELETE, row)
--   Keeps a log append-only: any UPDATE raises SQLSTATE 55000, and so does a DELETE unless it
--   runs as chain_owner (the revert of the plan) or a superuser (maint.cleanup_old_data, run by a
--   superuser or pg_cron: retention of rows the DEFAULT partition or a straddling month holds; a
--   superuser could disable the trigger anyway). Used by memory.audit_logs (cloned onto each
--   partition), memory.transfers and memory.versions.
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

CREATE FUNCTION memory.audit_log_append_only()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF TG_OP = 'DELETE' AND (CURRENT_USER = 'chain_owner'
                             OR (SELECT r.rolsuper FROM pg_catalog.pg_roles AS r WHERE r.rolname = CURRENT_USER)) THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION '%.%: append-only, % refused', TG_TABLE_SCHEMA, TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'object_not_in_prerequisite_state',
              HINT = 'History is never changed; retention runs as chain_owner or a superuser.';
END
$$;
COMMENT ON FUNCTION memory.audit_log_append_only() IS
    'Trigger: append-only history (memory.audit_logs, memory.transfers, memory.versions): UPDATE and DELETE raise 55000, except DELETE as chain_owner or a superuser (retention, revert).';
REVOKE ALL ON FUNCTION memory.audit_log_append_only() FROM PUBLIC;
