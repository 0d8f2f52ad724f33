-- core.user_stats(p_user_id)
--   → TABLE (user_id, reputation_score, orders_total, orders_open, orders_filled, trading_volume,
--            assets_issued, votes_cast, proposals_created)
--   The seed's GET /api/users/{id}/stats. trading_volume is the executed value of the user's
--   orders: sum(filled_quantity × (avg_fill_price, else the limit price)) -- every filled or partially
--   filled order counts: a market order has no limit price, so once it fills it must carry its
--   avg_fill_price (trading.orders.orders_market_fill_priced). No row for an unknown
--   user. Each count is an index lookup (users_pkey, orders_user_id_created_at_idx,
--   assets_issuer_id_idx, votes_voter_id_idx, proposals_proposer_id_idx).
--   SECURITY INVOKER: row-level security applies, so an end user gets full figures for itself
--   only (chain_app and chain_readonly see everything). Callable by chain_app, chain_user,
--   chain_readonly.
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

CREATE FUNCTION core.user_stats(p_user_id bigint)
RETURNS TABLE (user_id bigint, reputation_score numeric, orders_total bigint, orders_open bigint,
               orders_filled bigint, trading_volume numeric, assets_issued bigint, votes_cast bigint,
               proposals_created bigint)
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT u.id, u.reputation_score, o.n_total, o.n_open, o.n_filled, o.volume,
           (SELECT pg_catalog.count(*) FROM blockchain.assets AS a
             WHERE a.issuer_id OPERATOR(pg_catalog.=) u.id),
           (SELECT pg_catalog.count(*) FROM governance.votes AS v
             WHERE v.voter_id OPERATOR(pg_catalog.=) u.id),
           (SELECT pg_catalog.count(*) FROM governance.proposals AS p
             WHERE p.proposer_id OPERATOR(pg_catalog.=) u.id)
      FROM core.users AS u
     CROSS JOIN LATERAL (
            SELECT pg_catalog.count(*) AS n_total,
                   pg_catalog.count(*) FILTER (WHERE t.status IN ('open', 'partially_filled')) AS n_open,
                   pg_catalog.count(*) FILTER (WHERE t.status = 'filled') AS n_filled,
                   COALESCE(pg_catalog.sum(t.filled_quantity OPERATOR(pg_catalog.*) COALESCE(t.avg_fill_price, t.price)), 0) AS volume
              FROM trading.orders AS t
             WHERE t.user_id OPERATOR(pg_catalog.=) u.id) AS o
     WHERE u.id OPERATOR(pg_catalog.=) p_user_id
$$;
COMMENT ON FUNCTION core.user_stats(bigint) IS
    'User statistics: reputation, orders (total, open, filled), trading volume, assets issued, votes cast, proposals created; RLS applies (SECURITY INVOKER).';
REVOKE ALL ON FUNCTION core.user_stats(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION core.user_stats(bigint) TO chain_app, chain_user, chain_readonly;
