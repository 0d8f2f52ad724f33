-- memory.batch_transition() → trigger (BEFORE INSERT OR UPDATE OF status ON memory.batches, row)
--   The batch state machine, from one transition table (v_allowed below):
--       (new)      → pending | processing | completed (a batch indexed after its confirmation;
--                    batches_completed_is_confirmed then requires its signature and time)
--       pending    → processing | failed
--       processing → completed | failed
--       failed     → pending            (resubmitted)
--       completed: final
--   Any other change of status raises SQLSTATE 55000 (object_not_in_prerequisite_state)
--   "illegal batch transition". An update keeping the status is not a transition.
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

CREATE FUNCTION memory.batch_transition()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    -- from:to pairs; '' is a new row
    v_allowed constant text[] := ARRAY[':pending', ':processing', ':completed',
                                       'pending:processing', 'pending:failed',
                                       'processing:completed', 'processing:failed',
                                       'failed:pending'];
    v_from text := CASE WHEN TG_OP = 'INSERT' THEN '' ELSE OLD.status::text END;
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.status = OLD.status THEN
        RETURN NEW;
    END IF;
    IF NOT (v_from || ':' || NEW.status::text) = ANY (v_allowed) THEN
        RAISE EXCEPTION 'memory.batches: illegal batch transition % -> % (batch %)',
                        COALESCE(NULLIF(v_from, ''), '(new)'), NEW.status, NEW.batch_id
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  HINT = '(new) -> pending | processing | completed; pending -> processing | failed; processing -> completed | failed; failed -> pending.';
    END IF;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION memory.batch_transition() IS
    'Trigger: batch state machine ((new) -> pending|processing|completed; pending -> processing|failed; processing -> completed|failed; failed -> pending); SQLSTATE 55000 otherwise.';
REVOKE ALL ON FUNCTION memory.batch_transition() FROM PUBLIC;
