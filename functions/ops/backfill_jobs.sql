-- ops.backfill_job_transition() → trigger (BEFORE INSERT OR UPDATE ON ops.backfill_jobs, row)
--   The backfill job state machine:
--       (new)   → running | paused
--       running → paused | completed | failed
--       paused  → running | failed
--       failed  → running              (a retry: completed_at and error_message are cleared)
--       completed: final (no change at all)
--   Any other transition raises SQLSTATE 55000 (object_not_in_prerequisite_state) "illegal
--   backfill job transition". Reaching completed or failed stamps completed_at with now() when the
--   writer gave none; completed also sets progress_percentage to 100 and current_block to end_block.
--   The range (start_block, end_block) and job_type never change after creation.
CREATE FUNCTION ops.backfill_job_transition()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF NEW.status NOT IN ('running', 'completed', 'failed', 'paused') THEN
        RETURN NEW;  -- backfill_jobs_status_check rejects it
    END IF;
    IF TG_OP = 'INSERT' THEN
        IF NEW.status NOT IN ('running', 'paused') THEN
            RAISE EXCEPTION 'ops.backfill_jobs: illegal backfill job transition (new) -> %', NEW.status
                USING ERRCODE = 'object_not_in_prerequisite_state', HINT = 'A job starts running or paused.';
        END IF;
        RETURN NEW;
    END IF;
    IF (NEW.id, NEW.job_type, NEW.start_block, NEW.end_block) IS DISTINCT FROM
       (OLD.id, OLD.job_type, OLD.start_block, OLD.end_block) THEN
        RAISE EXCEPTION 'ops.backfill_jobs: job % cannot change its id, type or block range', OLD.id
            USING ERRCODE = 'object_not_in_prerequisite_state';
    END IF;
    IF OLD.status = 'completed' THEN
        IF NEW IS DISTINCT FROM OLD THEN
            RAISE EXCEPTION 'ops.backfill_jobs: illegal backfill job transition completed -> % (job % is final)', NEW.status, OLD.id
                USING ERRCODE = 'object_not_in_prerequisite_state', HINT = 'completed is final.';
        END IF;
        RETURN NEW;
    END IF;
    IF NEW.status IS DISTINCT FROM OLD.status AND NOT (
           (OLD.status = 'running' AND NEW.status IN ('paused', 'completed', 'failed'))
        OR (OLD.status = 'paused' AND NEW.status IN ('running', 'failed'))
        OR (OLD.status = 'failed' AND NEW.status = 'running')) THEN
        RAISE EXCEPTION 'ops.backfill_jobs: illegal backfill job transition % -> % (job %)', OLD.status, NEW.status, OLD.id
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  HINT = 'running -> paused | completed | failed; paused -> running | failed; failed -> running.';
    END IF;
    IF NEW.status IN ('completed', 'failed') AND NEW.status IS DISTINCT FROM OLD.status THEN
        NEW.completed_at := COALESCE(NEW.completed_at, pg_catalog.now());
    END IF;
    IF NEW.status = 'completed' THEN
        NEW.progress_percentage := 100;
        NEW.current_block := NEW.end_block;
    ELSIF NEW.status = 'running' AND OLD.status = 'failed' THEN
        NEW.completed_at := NULL;
        NEW.error_message := NULL;
    END IF;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION ops.backfill_job_transition() IS
    'Trigger: backfill job state machine ((new) -> running|paused; running -> paused|completed|failed; paused -> running|failed; failed -> running); SQLSTATE 55000 otherwise; stamps completed_at.';
REVOKE ALL ON FUNCTION ops.backfill_job_transition() FROM PUBLIC;
