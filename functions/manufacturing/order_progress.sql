-- manufacturing.order_progress(p_order_id)
--   → TABLE (order_id, status, total_amount, milestones_total, milestones_completed,
--            completed_fraction, paid_amount, paid_fraction)
--   The seed's GET /api/manufacturing/orders/{id}/progress: how many milestones are completed
--   (status completed or paid) out of all, and how much of the order total has been paid.
--   Fractions are 0..1 (numeric, 4 decimals); completed_fraction is 0 for an order without
--   milestones. No row for an unknown (or invisible: RLS) order. Reads the order by primary key
--   and its milestones through milestones_order_id_sequence_no_key. SECURITY INVOKER: an end user
--   gets the progress of orders it is a party to. Callable by chain_app, chain_user, chain_readonly.
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

CREATE FUNCTION manufacturing.order_progress(p_order_id bigint)
RETURNS TABLE (order_id bigint, status manufacturing.order_status, total_amount numeric,
               milestones_total integer, milestones_completed integer, completed_fraction numeric,
               paid_amount numeric, paid_fraction numeric)
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT o.id, o.status, o.total_amount, m.n_total, m.n_completed,
           CASE WHEN m.n_total = 0 THEN 0
                ELSE pg_catalog.round(m.n_completed::numeric OPERATOR(pg_catalog./) m.n_total, 4) END,
           m.paid,
           pg_catalog.round(m.paid OPERATOR(pg_catalog./) o.total_amount, 4)
      FROM manufacturing.orders AS o
     CROSS JOIN LATERAL (
            SELECT pg_catalog.count(*)::integer AS n_total,
                   (pg_catalog.count(*) FILTER (WHERE ms.status IN ('completed', 'paid')))::integer AS n_completed,
                   COALESCE(pg_catalog.sum(ms.amount) FILTER (WHERE ms.status = 'paid'), 0) AS paid
              FROM manufacturing.milestones AS ms
             WHERE ms.order_id OPERATOR(pg_catalog.=) o.id) AS m
     WHERE o.id OPERATOR(pg_catalog.=) p_order_id
$$;
COMMENT ON FUNCTION manufacturing.order_progress(bigint) IS
    'Progress of a manufacturing order: milestones completed of total and amount paid of the order total, as fractions 0..1.';
REVOKE ALL ON FUNCTION manufacturing.order_progress(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION manufacturing.order_progress(bigint) TO chain_app, chain_user, chain_readonly;
