-- Verify chaindb:token/transactions on pg

SELECT id, user_id, transaction_type, amount, from_address, to_address, status, contract_address, tx_hash,
       block_number, gas_used, gas_price, created_at, confirmed_at, metadata, updated_at
  FROM token.transactions WHERE FALSE;
SELECT 1 / (relrowsecurity AND relforcerowsecurity)::int FROM pg_catalog.pg_class WHERE oid = 'token.transactions'::regclass;
SELECT 1 / (pg_catalog.count(*) = 7)::int FROM pg_catalog.pg_policy WHERE polrelid = 'token.transactions'::regclass;
SELECT 1 / (pg_catalog.count(*) = 2)::int FROM pg_catalog.pg_trigger
 WHERE tgrelid = 'token.transactions'::regclass AND tgname IN ('audit_capture', 'notify_change');
