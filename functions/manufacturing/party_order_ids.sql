-- manufacturing.party_order_ids() → bigint[]
--   The ids of the manufacturing orders the current end user (core.current_user_id()) is a party
--   to: customer or manufacturer. The milestones and quality-assurance policies compare their
--   order_id with it as `order_id = ANY ((SELECT manufacturing.party_order_ids())::bigint[])`: an initPlan
--   evaluated once per query (two index scans of orders), then an index scan of the child table
--   by order_id — where `order_id IN (SELECT id FROM manufacturing.orders)` planned a scan of the
--   whole child table with a hashed subplan. SECURITY INVOKER: the orders' own policies apply too.
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

CREATE FUNCTION manufacturing.party_order_ids()
RETURNS bigint[]
LANGUAGE sql
STABLE
PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT COALESCE(pg_catalog.array_agg(o.id), '{}')
      FROM (SELECT o.id FROM manufacturing.orders AS o WHERE o.customer_id = (SELECT core.current_user_id())
            UNION
            SELECT o.id FROM manufacturing.orders AS o WHERE o.manufacturer_id = (SELECT core.current_user_id())) AS o
$$;
COMMENT ON FUNCTION manufacturing.party_order_ids() IS
    'Ids of the manufacturing orders the current user is customer or manufacturer of (index-served); the milestones and quality-assurance policies use it as an initPlan.';
REVOKE ALL ON FUNCTION manufacturing.party_order_ids() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION manufacturing.party_order_ids() TO chain_user;
