-- trading.order_book(p_asset_id, p_depth DEFAULT 10)
--   → TABLE (side trading.order_side, price numeric, quantity numeric, order_count bigint)
--   The seed's GET /api/trading/orderbook/{asset_id}: resting limit orders (open or partially
--   filled, not expired) aggregated by price level — remaining quantity and number of orders —
--   bids best (highest) first, then asks best (lowest) first, at most p_depth levels per side
--   (clamped to 1..500). Each side is an ordered range scan of the partial index
--   orders_open_book_idx stopped after p_depth levels.
--   SECURITY INVOKER (a SECURITY DEFINER function would see nothing under FORCE RLS): the whole book is
--   what chain_app and chain_readonly read; an end user sees its own orders in it.
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

CREATE FUNCTION trading.order_book(p_asset_id bigint, p_depth int DEFAULT 10)
RETURNS TABLE (side trading.order_side, price numeric, quantity numeric, order_count bigint)
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
    -- each side stops after p_depth levels; the outer sort (at most 2 x 500 rows) fixes the order
    SELECT b.side, b.price, b.quantity, b.order_count
      FROM (
    (SELECT 'buy'::trading.order_side AS side, o.price AS price,
            pg_catalog.sum(o.quantity OPERATOR(pg_catalog.-) o.filled_quantity) AS quantity,
            pg_catalog.count(*) AS order_count
       FROM trading.orders AS o
      WHERE o.asset_id OPERATOR(pg_catalog.=) p_asset_id AND o.side = 'buy'
        AND o.status IN ('open', 'partially_filled') AND o.order_type = 'limit'
        AND (o.expires_at IS NULL OR o.expires_at OPERATOR(pg_catalog.>) pg_catalog.now())
      GROUP BY o.price
      ORDER BY o.price DESC
      LIMIT LEAST(GREATEST(COALESCE(p_depth, 10), 1), 500))
    UNION ALL
    (SELECT 'sell'::trading.order_side AS side, o.price AS price,
            pg_catalog.sum(o.quantity OPERATOR(pg_catalog.-) o.filled_quantity) AS quantity,
            pg_catalog.count(*) AS order_count
       FROM trading.orders AS o
      WHERE o.asset_id OPERATOR(pg_catalog.=) p_asset_id AND o.side = 'sell'
        AND o.status IN ('open', 'partially_filled') AND o.order_type = 'limit'
        AND (o.expires_at IS NULL OR o.expires_at OPERATOR(pg_catalog.>) pg_catalog.now())
      GROUP BY o.price
      ORDER BY o.price ASC
      LIMIT LEAST(GREATEST(COALESCE(p_depth, 10), 1), 500))
           ) AS b
     ORDER BY b.side, CASE WHEN b.side = 'buy' THEN OPERATOR(pg_catalog.-) b.price ELSE b.price END
$$;
COMMENT ON FUNCTION trading.order_book(bigint, int) IS
    'Order book of an asset: resting limit orders aggregated by price level, bids then asks, best first, p_depth levels per side; served by orders_open_book_idx.';
REVOKE ALL ON FUNCTION trading.order_book(bigint, int) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION trading.order_book(bigint, int) TO chain_app, chain_user, chain_readonly;
