-- trace.rebuild_traceability_chain(p_product_id) → integer (steps written)
--   Replaces the product's chain rows by its checkpoints in the order ("timestamp",
--   checkpoint_index, id): sequence_order 1..n, previous location and stakeholder, duration in
--   hours since the previous step. Takes the product's chain lock first. Owner-only: it is the
--   trigger's workhorse and the repair tool (SELECT trace.rebuild_traceability_chain(p) as
--   chain_owner).
--
-- trace.checkpoints_maintain_chain() → trigger (AFTER INSERT / UPDATE OF ... / DELETE ON
--   trace.checkpoints, row)
--   INSERT: when the new checkpoint sorts after the product's last step (the common case) it is
--   appended by one INSERT ... SELECT (the last step by a backward probe of
--   traceability_chain_product_sequence_key); when that inserts nothing (a late insert with an
--   earlier timestamp) the product's chain is rebuilt. The lock is taken here for an insert that
--   names its checkpoint_index (the BEFORE trigger took it otherwise). UPDATE of an order
--   or chain column, DELETE: the product's chain is rebuilt (product_id itself never changes:
--   checkpoints_lock_chain). TRUNCATE of the checkpoints empties the chain. SECURITY DEFINER
--   (chain_owner; policies traceability_chain_*_owner): nobody else may write the chain.
--
-- These two functions (and trace.checkpoints_before_write) run with enable_seqscan = off: they look up one product by index, and a
-- PL/pgSQL plan cached while the table was empty (a seq scan, cheapest then) would otherwise be
-- reused for every later row of the session, turning each insert into a scan of the whole
-- chain (measured: 10,000 inserts in one session took 10x longer). Every statement in them has
-- its index (traceability_chain_product_sequence_key, checkpoints_product_id_timestamp_idx,
-- checkpoints_product_index_key).
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

CREATE FUNCTION trace.rebuild_traceability_chain(p_product_id bigint)
RETURNS integer
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
SET enable_seqscan = off  -- a cached plan made while the table was small must not stay a seq scan
AS $$
DECLARE
    v_rows integer;
BEGIN
    PERFORM trace.lock_product_chain(p_product_id);
    DELETE FROM trace.traceability_chain AS t WHERE t.product_id = p_product_id;
    INSERT INTO trace.traceability_chain (product_id, checkpoint_id, sequence_order, checkpoint_at, checkpoint_index,
                                          from_location, to_location, from_stakeholder_id, to_stakeholder_id,
                                          duration_hours)
    SELECT c.product_id, c.id, pg_catalog.row_number() OVER w, c."timestamp", c.checkpoint_index,
           pg_catalog.lag(c.location) OVER w, c.location, pg_catalog.lag(c.stakeholder_id) OVER w, c.stakeholder_id,
           pg_catalog.round(EXTRACT(EPOCH FROM c."timestamp" - pg_catalog.lag(c."timestamp") OVER w) / 3600, 2)
      FROM trace.checkpoints AS c
     WHERE c.product_id = p_product_id
    WINDOW w AS (ORDER BY c."timestamp", c.checkpoint_index, c.id);
    GET DIAGNOSTICS v_rows = ROW_COUNT;
    RETURN v_rows;
END
$$;
COMMENT ON FUNCTION trace.rebuild_traceability_chain(bigint) IS
    'Rebuilds one product''s traceability chain from its checkpoints (order "timestamp", checkpoint_index, id; sequence 1..n); returns the number of steps. Owner-only repair tool and trigger helper.';
REVOKE ALL ON FUNCTION trace.rebuild_traceability_chain(bigint) FROM PUBLIC;

CREATE FUNCTION trace.checkpoints_maintain_chain()
RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
SET enable_seqscan = off  -- a cached plan made while the table was small must not stay a seq scan
AS $$
DECLARE
    v_void text;
    v_rows integer;
BEGIN
    IF TG_OP = 'INSERT' THEN
        -- the chain lock (trace.lock_product_chain inlined as a simple expression: the hot path)
        v_void := pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtext('trace.checkpoints'),
                                                   pg_catalog.hashint8(NEW.product_id))::text;
        -- append after the last step when the new checkpoint sorts after it (one statement: the
        -- last step by traceability_chain_product_sequence_key, backwards, and the insert)
        INSERT INTO trace.traceability_chain (product_id, checkpoint_id, sequence_order, checkpoint_at,
                                              checkpoint_index, from_location, to_location, from_stakeholder_id,
                                              to_stakeholder_id, duration_hours)
        SELECT NEW.product_id, NEW.id, COALESCE(l.sequence_order, 0) + 1, NEW."timestamp", NEW.checkpoint_index,
               l.to_location, NEW.location, l.to_stakeholder_id, NEW.stakeholder_id,
               pg_catalog.round(EXTRACT(EPOCH FROM NEW."timestamp" - l.checkpoint_at) / 3600, 2)
          FROM (SELECT 1) AS one
          LEFT JOIN LATERAL (
                SELECT t.sequence_order, t.checkpoint_at, t.checkpoint_index, t.checkpoint_id, t.to_location,
                       t.to_stakeholder_id
                  FROM trace.traceability_chain AS t
                 WHERE t.product_id = NEW.product_id
                 ORDER BY t.sequence_order DESC
                 LIMIT 1) AS l ON true
         WHERE l.checkpoint_id IS NULL
            OR (NEW."timestamp", NEW.checkpoint_index, NEW.id) > (l.checkpoint_at, l.checkpoint_index, l.checkpoint_id);
        GET DIAGNOSTICS v_rows = ROW_COUNT;
        IF v_rows = 0 THEN  -- a late insert: it sorts before the last step
            PERFORM trace.rebuild_traceability_chain(NEW.product_id);
        END IF;
    ELSIF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM trace.rebuild_traceability_chain(OLD.product_id);
    ELSE  -- TRUNCATE (statement level)
        TRUNCATE trace.traceability_chain;
    END IF;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION trace.checkpoints_maintain_chain() IS
    'Trigger: keeps trace.traceability_chain equal to the product''s checkpoints in time order: appends in order, rebuilds the product''s chain after a late insert, an update of an order/chain column or a delete; empties it on TRUNCATE.';
REVOKE ALL ON FUNCTION trace.checkpoints_maintain_chain() FROM PUBLIC;
