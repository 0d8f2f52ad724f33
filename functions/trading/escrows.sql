-- trading.escrow_transition() → trigger (BEFORE INSERT OR UPDATE ON trading.escrows, row)
--   The escrow state machine:
--       (new) → funded
--       funded   → released | refunded | disputed
--       disputed → resolved_released | resolved_refunded
--       released, refunded, resolved_released, resolved_refunded: final
--   Any other transition, an escrow created in another state, or a change of order, parties or
--   amount raises SQLSTATE 55000 (object_not_in_prerequisite_state) "illegal escrow transition".
--   Reaching a final state stamps settled_at. An update that keeps the status is allowed (e.g. a
--   dispute_reason edit) unless the escrow is final.
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

CREATE FUNCTION trading.escrow_transition()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_final constant trading.escrow_status[] :=
        ARRAY['released', 'refunded', 'resolved_released', 'resolved_refunded']::trading.escrow_status[];
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF NEW.status <> 'funded' THEN
            RAISE EXCEPTION 'trading.escrows: illegal escrow transition (new) -> %', NEW.status
                USING ERRCODE = 'object_not_in_prerequisite_state',
                      HINT = 'An escrow starts funded.';
        END IF;
        NEW.settled_at := NULL;
        RETURN NEW;
    END IF;

    IF (NEW.order_id, NEW.buyer_id, NEW.seller_id, NEW.amount) IS DISTINCT FROM
       (OLD.order_id, OLD.buyer_id, OLD.seller_id, OLD.amount) THEN
        RAISE EXCEPTION 'trading.escrows: escrow % cannot change its order, parties or amount', OLD.id
            USING ERRCODE = 'object_not_in_prerequisite_state';
    END IF;
    IF OLD.status = ANY (v_final) THEN
        IF NEW IS DISTINCT FROM OLD THEN
            RAISE EXCEPTION 'trading.escrows: illegal escrow transition % -> % (escrow % is settled)',
                            OLD.status, NEW.status, OLD.id
                USING ERRCODE = 'object_not_in_prerequisite_state',
                      HINT = 'released, refunded, resolved_released and resolved_refunded are final.';
        END IF;
        RETURN NEW;
    END IF;
    IF NEW.status IS DISTINCT FROM OLD.status AND NOT (
           (OLD.status = 'funded' AND NEW.status IN ('released', 'refunded', 'disputed'))
        OR (OLD.status = 'disputed' AND NEW.status IN ('resolved_released', 'resolved_refunded'))) THEN
        RAISE EXCEPTION 'trading.escrows: illegal escrow transition % -> % (escrow %)', OLD.status, NEW.status, OLD.id
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  HINT = 'funded -> released | refunded | disputed; disputed -> resolved_released | resolved_refunded.';
    END IF;
    IF NEW.status = ANY (v_final) THEN
        NEW.settled_at := pg_catalog.now();
    END IF;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION trading.escrow_transition() IS
    'Trigger: escrow state machine (new -> funded; funded -> released|refunded|disputed; disputed -> resolved_released|resolved_refunded); SQLSTATE 55000 otherwise; stamps settled_at.';
REVOKE ALL ON FUNCTION trading.escrow_transition() FROM PUBLIC;
