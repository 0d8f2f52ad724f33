-- blockchain.latest_prices (view) and blockchain.latest_price(p_symbol)
--   The newest price of every quoted symbol / of one symbol (GET /api/blockchain/prices/{symbol}).
--   Both start from blockchain.price_symbols and, per symbol, read the newest row of
--   blockchain.price_feeds through price_feeds_pkey backwards (ORDER BY observed_at DESC LIMIT 1,
--   newest partition first): one short index probe per symbol, never a scan of history.
--   The view is security_invoker; both readable by chain_app, chain_user, chain_readonly.
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

CREATE VIEW blockchain.latest_prices WITH (security_invoker = true) AS
SELECT s.symbol, p.price, p.source, p.observed_at
  FROM blockchain.price_symbols AS s
 CROSS JOIN LATERAL (
        SELECT f.price, f.source, f.observed_at
          FROM blockchain.price_feeds AS f
         WHERE f.symbol = s.symbol
         ORDER BY f.observed_at DESC
         LIMIT 1) AS p;
COMMENT ON VIEW blockchain.latest_prices IS 'Newest price of every quoted symbol; one index probe per symbol.';
-- read-only: the schema's default privileges gave chain_app DML
REVOKE INSERT, UPDATE, DELETE ON blockchain.latest_prices FROM chain_app;
GRANT SELECT ON blockchain.latest_prices TO chain_app, chain_user, chain_readonly;

CREATE FUNCTION blockchain.latest_price(p_symbol text)
RETURNS TABLE (symbol text, price numeric, source text, observed_at timestamptz)
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT f.symbol, f.price, f.source, f.observed_at
      FROM blockchain.price_feeds AS f
     WHERE f.symbol OPERATOR(pg_catalog.=) pg_catalog.upper(p_symbol)
     ORDER BY f.observed_at DESC
     LIMIT 1
$$;
COMMENT ON FUNCTION blockchain.latest_price(text) IS
    'Newest price of one symbol (case-insensitive input), no row when never quoted; one backward probe of price_feeds_pkey.';
REVOKE ALL ON FUNCTION blockchain.latest_price(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION blockchain.latest_price(text) TO chain_app, chain_user, chain_readonly;
