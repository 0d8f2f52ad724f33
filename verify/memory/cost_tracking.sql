-- Verify chaindb:memory/cost_tracking on pg

SELECT id, operation_type, operation_id, wallet_address, solana_cost_lamports, arweave_cost_winston, priority_fee_lamports,
       total_cost_lamports, total_cost_usd, sol_price_usd, ar_price_usd, "timestamp"
  FROM memory.cost_tracking WHERE FALSE;
SELECT 1 / (relrowsecurity AND relforcerowsecurity)::int FROM pg_catalog.pg_class WHERE oid = 'memory.cost_tracking'::regclass;
SELECT 1 / pg_catalog.count(*) FROM pg_catalog.pg_index
 WHERE indexrelid = 'memory.cost_tracking_wallet_address_timestamp_idx'::regclass AND indnkeyatts = 2 AND indnatts = 3;
