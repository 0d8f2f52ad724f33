-- maint.validate_matview_schedule() → trigger
--   BEFORE INSERT OR UPDATE OF matview row trigger of maint.matview_schedule: the registered
--   relation must be a materialized view (SQLSTATE 22023 otherwise). Not callable directly.
CREATE FUNCTION maint.validate_matview_schedule()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_class AS c WHERE c.oid = NEW.matview AND c.relkind = 'm') THEN
        RAISE EXCEPTION 'maint.matview_schedule: % is not a materialized view', NEW.matview
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION maint.validate_matview_schedule() IS
    'BEFORE INSERT OR UPDATE OF matview trigger of maint.matview_schedule: only materialized views may be registered.';
REVOKE ALL ON FUNCTION maint.validate_matview_schedule() FROM PUBLIC;
