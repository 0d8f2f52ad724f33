-- Verify chaindb:blockchain/latest_prices on pg

SELECT symbol, price, source, observed_at FROM blockchain.latest_prices WHERE FALSE;
SELECT symbol, price, source, observed_at FROM blockchain.latest_price('ETH') WHERE FALSE;
SELECT 1 / pg_catalog.has_function_privilege('chain_user', 'blockchain.latest_price(text)', 'EXECUTE')::int;
SELECT 1 / (NOT pg_catalog.has_table_privilege('chain_app', 'blockchain.latest_prices', 'INSERT, UPDATE, DELETE'))::int;  -- read-only
