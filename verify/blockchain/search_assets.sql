-- Verify chaindb:blockchain/search_assets on pg

SELECT 1 / pg_catalog.has_function_privilege('chain_user', 'blockchain.search_assets(text, blockchain.asset_type, int)', 'EXECUTE')::int;
SELECT id, symbol, name, asset_type, issuer_id, rank FROM blockchain.search_assets('robot') WHERE FALSE;
