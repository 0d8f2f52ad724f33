-- trace.lock_product_chain(p_product_id) → void
--   Transaction-level advisory lock on one product's checkpoint history: every writer of a
--   product's checkpoints (and so of its traceability chain) takes it first, so concurrent writers
--   of one product queue and each sees the previous one's committed rows (READ COMMITTED takes a
--   fresh snapshot per statement). Writers of different products do not wait for each other (a
--   hash collision only serialises two products, it never breaks correctness).
--
-- trace.checkpoints_before_write() → trigger (BEFORE INSERT when checkpoint_index IS NULL, and
--   BEFORE UPDATE OF an order or chain column OR DELETE, ON trace.checkpoints, row)
--   Takes the product's chain lock BEFORE the row changes: a delete cascades to its chain step and
--   an update locks the row, so taking the lock only in the AFTER trigger would let two writers
--   each hold a row the other's rebuild needs (a deadlock, found by test_tracechain.py).
--   INSERT (only when checkpoint_index is NULL): assigns max + 1 (0 for the first) under the lock.
--   An insert with its index takes the lock in its AFTER trigger: it holds no row lock a chain
--   rebuild could wait for.
--   UPDATE: a checkpoint never moves to another product (23514): its stakeholder, chain step and
--   compliance checks are the old product's.
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

CREATE FUNCTION trace.lock_product_chain(p_product_id bigint)
RETURNS void
LANGUAGE sql
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtext('trace.checkpoints'), pg_catalog.hashint8(p_product_id))
$$;
COMMENT ON FUNCTION trace.lock_product_chain(bigint) IS
    'Transaction-level advisory lock serialising the checkpoint (and chain) writers of one product.';
REVOKE ALL ON FUNCTION trace.lock_product_chain(bigint) FROM PUBLIC;

CREATE FUNCTION trace.checkpoints_before_write()
RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
SET enable_seqscan = off  -- a cached plan made while the table was small must not stay a seq scan
AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM trace.lock_product_chain(OLD.product_id);
        RETURN OLD;
    ELSIF TG_OP = 'UPDATE' THEN
        IF NEW.product_id IS DISTINCT FROM OLD.product_id THEN
            RAISE EXCEPTION 'trace.checkpoints: checkpoint % cannot move from product % to product %',
                            OLD.id, OLD.product_id, NEW.product_id
                USING ERRCODE = 'check_violation', CONSTRAINT = 'checkpoints_lock_chain';
        END IF;
        PERFORM trace.lock_product_chain(OLD.product_id);
        RETURN NEW;
    END IF;
    PERFORM trace.lock_product_chain(NEW.product_id);
    IF NEW.checkpoint_index IS NULL THEN  -- always, by the trigger's WHEN
        SELECT COALESCE(pg_catalog.max(c.checkpoint_index) + 1, 0) INTO NEW.checkpoint_index
          FROM trace.checkpoints AS c
         WHERE c.product_id = NEW.product_id;
    END IF;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION trace.checkpoints_before_write() IS
    'Trigger: on insert takes the product''s chain lock and turns a NULL checkpoint_index becomes the next free index of the product (served by checkpoints_product_index_key); on update rejects a change of product_id (23514). SECURITY DEFINER: reads every checkpoint of the product.';
REVOKE ALL ON FUNCTION trace.checkpoints_before_write() FROM PUBLIC;
