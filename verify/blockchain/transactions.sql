-- Verify chaindb:blockchain/transactions on pg

SELECT id, tx_hash, block_number, from_address, to_address, asset_id, amount, fee, status,
       created_at, confirmed_at, updated_at
  FROM blockchain.transactions WHERE FALSE;
SELECT 1 / (relrowsecurity AND relforcerowsecurity)::int FROM pg_catalog.pg_class WHERE oid = 'blockchain.transactions'::regclass;
SELECT 1 / pg_catalog.count(*) FROM pg_catalog.pg_trigger
 WHERE tgrelid = 'blockchain.transactions'::regclass AND tgname = 'notify_change';
