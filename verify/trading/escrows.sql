-- Verify chaindb:trading/escrows on pg

SELECT id, order_id, buyer_id, seller_id, amount, status, dispute_reason, created_at, updated_at, settled_at
  FROM trading.escrows WHERE FALSE;
SELECT 1 / (relrowsecurity AND relforcerowsecurity)::int FROM pg_catalog.pg_class WHERE oid = 'trading.escrows'::regclass;
SELECT 1 / pg_catalog.count(*) FROM pg_catalog.pg_trigger
 WHERE tgrelid = 'trading.escrows'::regclass AND tgname = 'escrows_transition';
