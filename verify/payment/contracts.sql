-- Verify chaindb:payment/contracts on pg

SELECT id, contract_address, product_id, buyer_id, seller_id, amount, currency, status, expires_at, tx_hash,
       block_number, created_at, updated_at
  FROM payment.contracts WHERE FALSE;
SELECT 1 / (relrowsecurity AND relforcerowsecurity)::int FROM pg_catalog.pg_class WHERE oid = 'payment.contracts'::regclass;
SELECT 1 / (pg_catalog.count(*) = 7)::int FROM pg_catalog.pg_policy WHERE polrelid = 'payment.contracts'::regclass;
