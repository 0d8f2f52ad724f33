-- education.check_prerequisite_cycle() → trigger
--   BEFORE INSERT OR UPDATE row trigger of education.module_prerequisites: rejects a requirement
--   "module_id needs prerequisite_id" when prerequisite_id already needs module_id, directly or
--   through other modules (a cycle would lock every module on it forever).
--   Raises invalid_parameter_value (22023) naming both modules. Not callable directly.
CREATE FUNCTION education.check_prerequisite_cycle()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF NEW.module_id = NEW.prerequisite_id THEN
        RETURN NEW;  -- a self-requirement: module_prerequisites_not_self rejects it with 23514
    END IF;
    IF EXISTS (
        WITH RECURSIVE needed (id) AS (
            SELECT NEW.prerequisite_id
            UNION
            SELECT p.prerequisite_id
              FROM education.module_prerequisites AS p
              JOIN needed AS n ON p.module_id = n.id
        )
        SELECT 1 FROM needed WHERE id = NEW.module_id
    ) THEN
        RAISE EXCEPTION 'education.module_prerequisites: module % cannot require module %: that would close a cycle',
                        NEW.module_id, NEW.prerequisite_id
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'Module prerequisites must form a DAG.';
    END IF;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION education.check_prerequisite_cycle() IS
    'Trigger of education.module_prerequisites: rejects (22023) a requirement that would close a cycle.';
REVOKE ALL ON FUNCTION education.check_prerequisite_cycle() FROM PUBLIC;
