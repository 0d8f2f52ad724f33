-- The minting queue: the worker API (chain_app only).
--
-- The state machine itself is core.state_transitions (machine memory.mint_status), enforced by
-- core.enforce_transition() (trigger minting_queue_state_machine, deploy/memory/minting_queue.sql).
--
-- memory.claim_mint_requests(p_worker text, p_limit int DEFAULT 10) → SETOF memory.minting_queue
--   Claims up to p_limit pending requests due now (next_attempt_at <= now()), highest priority
--   first, then oldest due, then id (memory.minting_queue_dequeue_idx), with FOR UPDATE SKIP
--   LOCKED: concurrent workers never wait for each other and never claim the same row (a row
--   another worker claimed and committed meanwhile no longer passes status = 'pending' when it
--   is locked). Claimed rows become processing with locked_by = p_worker, locked_at and
--   processed_at = now(); they are returned.
-- memory.complete_mint_request(p_id bigint, p_asset_id text, p_batch_id text DEFAULT NULL,
--                              p_worker text DEFAULT NULL) → void
--   processing → completed: completed_at, asset_id (and batch_id when given); the claim is cleared.
--   A NULL p_asset_id raises 22004.
-- memory.fail_mint_request(p_id bigint, p_error text, p_worker text DEFAULT NULL) → memory.mint_status
--   processing → pending with retry_count + 1 and next_attempt_at = now() + least(1 hour,
--   30 seconds * 2^retry_count before the increment) — 30 s, 1 min, 2 min, … capped at 1 hour —
--   while retries are left; once retry_count has reached max_retries → failed (failed_at). Keeps
--   p_error. Returns the new status.
--   Both raise 55000 when the request is not processing or (p_worker given) claimed by another
--   worker (its claim was released and taken over), P0002 when it does not exist.
-- memory.release_stale_claims(p_older_than interval DEFAULT '15 minutes') → integer
--   Re-queues (processing → pending, due now, retry_count unchanged) every claim older than
--   p_older_than — its worker is presumed dead — and returns how many
--   (memory.minting_queue_stale_claims_idx).
--
-- All SECURITY INVOKER: chain_app (the workers) updates the queue under its own policies.
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

CREATE FUNCTION memory.claim_mint_requests(p_worker text, p_limit integer DEFAULT 10)
RETURNS SETOF memory.minting_queue
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF p_worker IS NULL OR pg_catalog.length(p_worker) NOT BETWEEN 1 AND 128 THEN
        RAISE EXCEPTION 'memory.claim_mint_requests: p_worker must be 1-128 characters' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF p_limit IS NULL OR p_limit < 1 THEN
        RAISE EXCEPTION 'memory.claim_mint_requests: p_limit must be 1 or more, not %', p_limit
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    RETURN QUERY
    WITH picked AS (
        SELECT q.id
          FROM memory.minting_queue AS q
         WHERE q.status = 'pending' AND q.next_attempt_at <= pg_catalog.now()
         ORDER BY q.priority DESC, q.next_attempt_at, q.id
         LIMIT p_limit
           FOR UPDATE SKIP LOCKED)
    UPDATE memory.minting_queue AS q
       SET status = 'processing', locked_by = p_worker, locked_at = pg_catalog.now(), processed_at = pg_catalog.now()
      FROM picked
     WHERE q.id = picked.id
    RETURNING q.*;
END
$$;
COMMENT ON FUNCTION memory.claim_mint_requests(text, integer) IS
    'Worker dequeue: claims up to p_limit due pending requests (priority, then age, then id) with FOR UPDATE SKIP LOCKED, marks them processing by p_worker, returns them.';
REVOKE ALL ON FUNCTION memory.claim_mint_requests(text, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION memory.claim_mint_requests(text, integer) TO chain_app;

CREATE FUNCTION memory.complete_mint_request(p_id bigint, p_asset_id text, p_batch_id text DEFAULT NULL,
                                             p_worker text DEFAULT NULL)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_row record;
BEGIN
    IF p_asset_id IS NULL THEN
        RAISE EXCEPTION 'memory.complete_mint_request: the minted asset (p_asset_id) is required' USING ERRCODE = 'null_value_not_allowed';
    END IF;
    UPDATE memory.minting_queue AS q
       SET status = 'completed', completed_at = pg_catalog.now(), asset_id = p_asset_id,
           batch_id = COALESCE(p_batch_id, q.batch_id), locked_by = NULL, locked_at = NULL, error_message = NULL
     WHERE q.id = p_id AND q.status = 'processing' AND (p_worker IS NULL OR q.locked_by = p_worker);
    IF FOUND THEN
        RETURN;
    END IF;
    SELECT q.status, q.locked_by INTO v_row FROM memory.minting_queue AS q WHERE q.id = p_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'memory.complete_mint_request: no mint request %', p_id USING ERRCODE = 'no_data_found';
    END IF;
    RAISE EXCEPTION 'memory.complete_mint_request: request % is % (claimed by %), not processing for worker %',
                    p_id, v_row.status, COALESCE(v_row.locked_by, 'nobody'), COALESCE(p_worker, 'any')
        USING ERRCODE = 'object_not_in_prerequisite_state';
END
$$;
COMMENT ON FUNCTION memory.complete_mint_request(bigint, text, text, text) IS
    'Worker: processing -> completed with the minted asset (and batch); 55000 when not processing (or claimed by another worker), P0002 when unknown.';
REVOKE ALL ON FUNCTION memory.complete_mint_request(bigint, text, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION memory.complete_mint_request(bigint, text, text, text) TO chain_app;

CREATE FUNCTION memory.fail_mint_request(p_id bigint, p_error text, p_worker text DEFAULT NULL)
RETURNS memory.mint_status
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_status memory.mint_status;
    v_row    record;
BEGIN
    UPDATE memory.minting_queue AS q
       SET status = CASE WHEN q.retry_count < q.max_retries THEN 'pending' ELSE 'failed' END::memory.mint_status,
           retry_count = CASE WHEN q.retry_count < q.max_retries THEN q.retry_count + 1 ELSE q.retry_count END,
           next_attempt_at = CASE WHEN q.retry_count < q.max_retries
                                  THEN pg_catalog.now() + LEAST(interval '1 hour',
                                           interval '30 seconds' * pg_catalog.power(2, LEAST(q.retry_count, 10)))
                                  ELSE q.next_attempt_at END,
           failed_at = CASE WHEN q.retry_count < q.max_retries THEN NULL ELSE pg_catalog.now() END,
           locked_by = NULL, locked_at = NULL,
           error_message = pg_catalog.left(p_error, 10000)
     WHERE q.id = p_id AND q.status = 'processing' AND (p_worker IS NULL OR q.locked_by = p_worker)
    RETURNING q.status INTO v_status;
    IF FOUND THEN
        RETURN v_status;
    END IF;
    SELECT q.status, q.locked_by INTO v_row FROM memory.minting_queue AS q WHERE q.id = p_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'memory.fail_mint_request: no mint request %', p_id USING ERRCODE = 'no_data_found';
    END IF;
    RAISE EXCEPTION 'memory.fail_mint_request: request % is % (claimed by %), not processing for worker %',
                    p_id, v_row.status, COALESCE(v_row.locked_by, 'nobody'), COALESCE(p_worker, 'any')
        USING ERRCODE = 'object_not_in_prerequisite_state';
END
$$;
COMMENT ON FUNCTION memory.fail_mint_request(bigint, text, text) IS
    'Worker: a failed attempt; back to pending after least(1 hour, 30 s * 2^retries) while retries are left, else failed; returns the new status; 55000 when not processing.';
REVOKE ALL ON FUNCTION memory.fail_mint_request(bigint, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION memory.fail_mint_request(bigint, text, text) TO chain_app;

CREATE FUNCTION memory.release_stale_claims(p_older_than interval DEFAULT '15 minutes')
RETURNS integer
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_count integer;
BEGIN
    IF p_older_than IS NULL OR p_older_than < interval '0' THEN
        RAISE EXCEPTION 'memory.release_stale_claims: p_older_than must be a positive interval, not %', p_older_than
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    UPDATE memory.minting_queue AS q
       SET status = 'pending', locked_by = NULL, locked_at = NULL, next_attempt_at = pg_catalog.now()
     WHERE q.status = 'processing' AND q.locked_at < pg_catalog.now() - p_older_than;
    GET DIAGNOSTICS v_count = ROW_COUNT;
    RETURN v_count;
END
$$;
COMMENT ON FUNCTION memory.release_stale_claims(interval) IS
    'Re-queues (processing -> pending, due now) claims older than p_older_than, whose workers are presumed dead; returns how many.';
REVOKE ALL ON FUNCTION memory.release_stale_claims(interval) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION memory.release_stale_claims(interval) TO chain_app;
