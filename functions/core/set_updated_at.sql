-- core.set_updated_at() → trigger
--   BEFORE UPDATE row trigger: sets NEW.updated_at to the transaction time (now()).
--   Attach it to every table with an updated_at column, guarded so no-op updates keep the stamp:
--     CREATE TRIGGER <table>_set_updated_at BEFORE UPDATE ON <schema>.<table>
--         FOR EACH ROW WHEN (OLD IS DISTINCT FROM NEW) EXECUTE FUNCTION core.set_updated_at();
--   Not callable directly (trigger functions need no EXECUTE grant to fire).
CREATE FUNCTION core.set_updated_at()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    NEW.updated_at := pg_catalog.now();
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION core.set_updated_at() IS
    'BEFORE UPDATE row trigger: NEW.updated_at := now(). Use with WHEN (OLD IS DISTINCT FROM NEW).';
REVOKE ALL ON FUNCTION core.set_updated_at() FROM PUBLIC;
