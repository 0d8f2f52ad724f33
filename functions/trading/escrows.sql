-- trading.escrow_transition() → trigger (BEFORE INSERT OR UPDATE ON trading.escrows, row)
--   The escrow's invariants besides its transitions (those are the rows of machine
--   trading.escrow_status in core.state_transitions, enforced by core.enforce_transition()
--   through the trigger escrows_state_machine):
--     * order, parties and amount never change (SQLSTATE 55000);
--     * a settled escrow (released, refunded, resolved_released, resolved_refunded) never
--       changes again, in any column (55000);
--     * settled_at: NULL until a final state is reached, then stamped with now().
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
        NEW.settled_at := CASE WHEN NEW.status = ANY (v_final) THEN pg_catalog.now() END;
        RETURN NEW;
    END IF;

    IF (NEW.order_id, NEW.buyer_id, NEW.seller_id, NEW.amount) IS DISTINCT FROM
       (OLD.order_id, OLD.buyer_id, OLD.seller_id, OLD.amount) THEN
        RAISE EXCEPTION 'trading.escrows: escrow % cannot change its order, parties or amount', OLD.id
            USING ERRCODE = 'object_not_in_prerequisite_state';
    END IF;
    IF OLD.status = ANY (v_final) THEN
        IF NEW IS DISTINCT FROM OLD THEN
            RAISE EXCEPTION 'trading.escrows: escrow % is settled (%) and cannot change', OLD.id, OLD.status
                USING ERRCODE = 'object_not_in_prerequisite_state',
                      HINT = 'released, refunded, resolved_released and resolved_refunded are final.';
        END IF;
        RETURN NEW;
    END IF;
    IF NEW.status = ANY (v_final) THEN
        NEW.settled_at := pg_catalog.now();
    END IF;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION trading.escrow_transition() IS
    'Trigger: an escrow''s order, parties and amount never change, a settled escrow never changes (55000); stamps settled_at on reaching a final state. The transitions themselves: core.state_transitions (escrows_state_machine).';
REVOKE ALL ON FUNCTION trading.escrow_transition() FROM PUBLIC;
