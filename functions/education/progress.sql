-- education.check_module_unlock() → trigger
--   BEFORE INSERT OR UPDATE row trigger of education.progress: the unlock requirements.
--   (The transitions between statuses: core.state_transitions, trigger progress_state_machine.)
--   When a row enters available, in_progress or completed (insert, status change, or another
--   module/user) -- anything but locked:
--     * the module must be visible to the caller (end users: published only), else 55000;
--     * every prerequisite (education.module_prerequisites) must be completed by the same user
--       with quiz_score >= the prerequisite's min_quiz_score, else object_not_in_prerequisite_state
--       (55000) listing the unmet prerequisites. Fails closed: a prerequisite the caller cannot
--       see counts as unmet.
--   When a row is completed: quiz_score must reach the module's min_quiz_score, else 23514.
--   Fills started_at (in_progress, completed) and completed_at (completion) when missing; clears
--   completed_at when the status leaves completed. A module is available only once unlocked. SECURITY INVOKER: runs under the caller's row-level security.
CREATE FUNCTION education.check_module_unlock()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_module_slug text;
    v_pass_mark   smallint;
    v_unmet       text;
BEGIN
    IF NEW.status = 'locked' THEN
        NEW.completed_at := NULL;
        RETURN NEW;
    END IF;

    SELECT m.slug, m.min_quiz_score INTO v_module_slug, v_pass_mark
      FROM education.modules AS m WHERE m.id = NEW.module_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'education.progress: module % is not available', NEW.module_id
            USING ERRCODE = 'object_not_in_prerequisite_state';
    END IF;

    IF TG_OP = 'INSERT' OR OLD.status IS DISTINCT FROM NEW.status
       OR OLD.module_id <> NEW.module_id OR OLD.user_id <> NEW.user_id THEN
        SELECT pg_catalog.string_agg(
                   COALESCE(m.slug, 'module ' || r.prerequisite_id) || ' (pass mark '
                   || COALESCE(m.min_quiz_score::text, '?') || ', '
                   || CASE WHEN p.status = 'completed' THEN 'scored ' || p.quiz_score
                           ELSE COALESCE(p.status::text, 'not started') END || ')',
                   ', ' ORDER BY r.prerequisite_id)
          INTO v_unmet
          FROM education.module_prerequisites AS r
          LEFT JOIN education.modules AS m ON m.id = r.prerequisite_id
          LEFT JOIN education.progress AS p ON p.user_id = NEW.user_id AND p.module_id = r.prerequisite_id
         WHERE r.module_id = NEW.module_id
           AND (m.id IS NULL OR p.status IS DISTINCT FROM 'completed' OR p.quiz_score < m.min_quiz_score);
        IF v_unmet IS NOT NULL THEN
            RAISE EXCEPTION 'education.progress: module % is locked for user %: prerequisites not met: %',
                            v_module_slug, NEW.user_id, v_unmet
                USING ERRCODE = 'object_not_in_prerequisite_state',
                      HINT = 'Complete every prerequisite module with at least its pass mark first.';
        END IF;
    END IF;

    IF NEW.status = 'completed' AND NEW.quiz_score < v_pass_mark THEN
        RAISE EXCEPTION 'education.progress: module % cannot be completed with score % (pass mark %)',
                        v_module_slug, NEW.quiz_score, v_pass_mark
            USING ERRCODE = 'check_violation';
    END IF;

    IF NEW.status IN ('in_progress', 'completed') THEN
        NEW.started_at := COALESCE(NEW.started_at, pg_catalog.now());
    END IF;
    IF NEW.status = 'completed' THEN
        NEW.completed_at := COALESCE(NEW.completed_at, pg_catalog.now());
    ELSE
        NEW.completed_at := NULL;
    END IF;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION education.check_module_unlock() IS
    'Trigger of education.progress: unlock requirements for available, in_progress and completed (55000 when a prerequisite is not completed with its pass mark), pass mark on completion (23514); fills started_at/completed_at.';
REVOKE ALL ON FUNCTION education.check_module_unlock() FROM PUBLIC;
