-- Verify chaindb:payment/escrow_transactions on pg

SELECT id, payment_contract_id, amount, status, created_at, released_at, released_by, tx_hash, metadata
  FROM payment.escrow_transactions WHERE FALSE;
SELECT 1 / (relrowsecurity AND relforcerowsecurity)::int FROM pg_catalog.pg_class WHERE oid = 'payment.escrow_transactions'::regclass;
SELECT 1 / (pg_catalog.count(*) = 7)::int FROM pg_catalog.pg_policy WHERE polrelid = 'payment.escrow_transactions'::regclass;
SELECT 1 / (pg_catalog.count(*) = 2)::int FROM pg_catalog.pg_trigger
 WHERE tgname IN ('escrow_transactions_within_contract', 'contracts_amount_covers_escrow');
