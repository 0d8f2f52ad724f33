-- blockchain.search_assets(p_query, p_asset_type DEFAULT NULL, p_limit DEFAULT 20)
--   → TABLE (id, symbol, name, asset_type, issuer_id, rank)
--   The seed's GET /api/assets/search?q=&asset_type=: active assets, optionally of one type, that
--   match the web-search style query, in this order:
--     1. the asset whose symbol is the query (case-insensitive, surrounding blanks ignored; found
--        through the symbol's unique index even when the symbol is an English stop word such
--        as ON or IT);
--     2. assets whose name is the query (case-insensitive);
--     3. the rest by ts_rank of search_vector, ties by id.
--   The query is parsed with the text search configuration the document was built with
--   (english, for name, symbol and description alike: blockchain.assets.search_vector), so
--   symbols, stems ("motors" finds "motor") and mixed case match. Served by
--   assets_search_vector_idx (GIN) and assets_symbol_key. p_limit is clamped to 1..100.
--   SECURITY INVOKER (assets are a public catalogue); callable by chain_app, chain_user,
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
      FROM (SELECT pg_catalog.websearch_to_tsquery('english'::regconfig, p_query) AS query,
                   pg_catalog.upper(pg_catalog.btrim(p_query)) AS symbol,
                   pg_catalog.lower(pg_catalog.btrim(p_query)) AS name) AS q
      JOIN blockchain.assets AS a
        ON a.search_vector OPERATOR(pg_catalog.@@) q.query OR a.symbol OPERATOR(pg_catalog.=) q.symbol
     WHERE a.is_active
       AND (p_asset_type IS NULL OR a.asset_type OPERATOR(pg_catalog.=) p_asset_type)
     ORDER BY a.symbol OPERATOR(pg_catalog.=) q.symbol DESC,
              pg_catalog.lower(a.name) OPERATOR(pg_catalog.=) q.name DESC,
              rank DESC, a.id
     LIMIT LEAST(GREATEST(COALESCE(p_limit, 20), 1), 100)
$$;
COMMENT ON FUNCTION blockchain.search_assets(text, blockchain.asset_type, int) IS
    'Search of active assets (websearch syntax, text search configuration english like assets.search_vector), optionally of one type: the exact symbol first, then exact names, then by ts_rank; GIN- and index-served; at most 100 rows.';
REVOKE ALL ON FUNCTION blockchain.search_assets(text, blockchain.asset_type, int) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION blockchain.search_assets(text, blockchain.asset_type, int) TO chain_app, chain_user, chain_readonly;
