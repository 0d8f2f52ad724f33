-- manufacturing.check_milestone_total() → trigger (BEFORE INSERT OR UPDATE OF amount, order_id
--   ON manufacturing.milestones, row)
--   Locks the parent manufacturing.orders row (FOR NO KEY UPDATE: concurrent milestone writers of
--   the same order queue behind it, so two inserts cannot both see room for themselves), then
--   raises check_violation (23514) when the order's other milestones plus this one exceed the
--   order's total_amount. Runs as the writer (chain_app or the owner in tests), which sees the
--   order.
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

CREATE FUNCTION manufacturing.check_milestone_total()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_total numeric;
    v_other numeric;
BEGIN
    SELECT o.total_amount INTO v_total
      FROM manufacturing.orders AS o
     WHERE o.id = NEW.order_id
       FOR NO KEY UPDATE;
    IF NOT FOUND THEN
        RETURN NEW;  -- the foreign key reports the missing order
    END IF;
    SELECT COALESCE(pg_catalog.sum(m.amount), 0) INTO v_other
      FROM manufacturing.milestones AS m
     WHERE m.order_id = NEW.order_id
       AND m.id IS DISTINCT FROM NEW.id;
    IF v_other + NEW.amount > v_total THEN
        RAISE EXCEPTION 'manufacturing.milestones: milestone amounts % + % exceed the total % of order %',
                        v_other, NEW.amount, v_total, NEW.order_id
            USING ERRCODE = 'check_violation',
                  CONSTRAINT = 'milestones_within_total';
    END IF;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION manufacturing.check_milestone_total() IS
    'Trigger: locks the manufacturing order and rejects (23514) milestones whose amounts would exceed its total.';
REVOKE ALL ON FUNCTION manufacturing.check_milestone_total() FROM PUBLIC;

-- manufacturing.check_order_total() → trigger (BEFORE UPDATE OF total_amount ON manufacturing.orders, row)
--   The same invariant from the order's side: a total lowered under the sum of the order's
--   milestones raises check_violation (23514, constraint orders_total_covers_milestones). The
--   row trigger runs once the order row is locked by the UPDATE, and check_milestone_total() takes
--   the same row lock (FOR NO KEY UPDATE) before summing, so a concurrent milestone insert and a
--   total change queue behind each other and the loser re-reads the winner's committed state.
--   SECURITY DEFINER (owner chain_owner, with a SELECT policy on milestones): the sum covers
--   every milestone whatever the writer may see. search_path pinned.
CREATE FUNCTION manufacturing.check_order_total()
RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_sum numeric;
BEGIN
    SELECT COALESCE(pg_catalog.sum(m.amount), 0) INTO v_sum
      FROM manufacturing.milestones AS m
     WHERE m.order_id = NEW.id;
    IF v_sum > NEW.total_amount THEN
        RAISE EXCEPTION 'manufacturing.orders: total % of order % is below the sum % of its milestones',
                        NEW.total_amount, NEW.id, v_sum
            USING ERRCODE = 'check_violation',
                  CONSTRAINT = 'orders_total_covers_milestones';
    END IF;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION manufacturing.check_order_total() IS
    'Trigger: rejects (23514) an order total lowered under the sum of its milestones; sums every milestone (SECURITY DEFINER) while the UPDATE holds the order row lock.';
REVOKE ALL ON FUNCTION manufacturing.check_order_total() FROM PUBLIC;
