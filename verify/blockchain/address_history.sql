-- Verify chaindb:blockchain/address_history on pg

SELECT 1 / pg_catalog.has_function_privilege('chain_user', 'blockchain.address_history(text, int)', 'EXECUTE')::int;
SELECT id FROM blockchain.address_history('0x0000000000000000000000000000000000000000') WHERE FALSE;
