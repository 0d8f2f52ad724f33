-- blockchain.register_price_symbol() → trigger (AFTER INSERT ON blockchain.price_feeds, row)
--   Records the row's symbol in blockchain.price_symbols when it is new (ON CONFLICT DO NOTHING:
--   concurrent first prices of one symbol do not fail). Runs as the writer (chain_app), which
--   may insert into price_symbols.
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

CREATE FUNCTION blockchain.register_price_symbol()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    INSERT INTO blockchain.price_symbols (symbol) VALUES (NEW.symbol) ON CONFLICT (symbol) DO NOTHING;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION blockchain.register_price_symbol() IS
    'Trigger: adds a price row''s symbol to blockchain.price_symbols if it is not there yet.';
REVOKE ALL ON FUNCTION blockchain.register_price_symbol() FROM PUBLIC;
