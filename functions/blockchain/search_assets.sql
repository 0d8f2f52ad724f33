-- blockchain.search_assets(p_query, p_asset_type DEFAULT NULL, p_limit DEFAULT 20)
--   → TABLE (id, symbol, name, asset_type, issuer_id, rank)
--   The seed's GET /api/assets/search?q=&asset_type=: active assets whose search_vector matches
--   the web-search style query (websearch_to_tsquery, English), optionally of one type, best
--   ts_rank first (ties by id). Served by assets_search_vector_idx (GIN). p_limit is clamped to
--   1..100. SECURITY INVOKER (assets are a public catalogue); callable by chain_app, chain_user,
--   chain_readonly.
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

CREATE FUNCTION blockchain.search_assets(
    p_query      text,
    p_asset_type blockchain.asset_type DEFAULT NULL,
    p_limit      int DEFAULT 20)
RETURNS TABLE (id bigint, symbol text, name text, asset_type blockchain.asset_type, issuer_id bigint, rank real)
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT a.id, a.symbol, a.name, a.asset_type, a.issuer_id,
           pg_catalog.ts_rank(a.search_vector, q.query) AS rank
      FROM (SELECT pg_catalog.websearch_to_tsquery('english'::regconfig, p_query) AS query) AS q
      JOIN blockchain.assets AS a ON a.search_vector OPERATOR(pg_catalog.@@) q.query
     WHERE a.is_active
       AND (p_asset_type IS NULL OR a.asset_type OPERATOR(pg_catalog.=) p_asset_type)
     ORDER BY rank DESC, a.id
     LIMIT LEAST(GREATEST(COALESCE(p_limit, 20), 1), 100)
$$;
COMMENT ON FUNCTION blockchain.search_assets(text, blockchain.asset_type, int) IS
    'Ranked full-text search of active assets (websearch syntax), optionally of one type; GIN-served; at most 100 rows.';
REVOKE ALL ON FUNCTION blockchain.search_assets(text, blockchain.asset_type, int) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION blockchain.search_assets(text, blockchain.asset_type, int) TO chain_app, chain_user, chain_readonly;
