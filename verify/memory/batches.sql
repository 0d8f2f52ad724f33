-- Verify chaindb:memory/batches on pg

SELECT batch_id, owner_address, memory_count, total_size_bytes, merkle_tree_address, transaction_signature, status,
       total_cost_lamports, solana_cost_lamports, arweave_cost_winston, priority_fee_lamports, created_at,
       confirmed_at, error_message, updated_at
  FROM memory.batches WHERE FALSE;
SELECT 1 / (relrowsecurity AND relforcerowsecurity)::int FROM pg_catalog.pg_class WHERE oid = 'memory.batches'::regclass;
SELECT 1 / pg_catalog.count(*) FROM pg_catalog.pg_trigger
 WHERE tgrelid = 'memory.batches'::regclass AND tgname = 'batches_state_machine';
SELECT 1 / pg_catalog.count(*) FROM pg_catalog.pg_index
 WHERE indexrelid = 'memory.batches_completed_day_idx'::regclass AND indpred IS NOT NULL;
SELECT 1 / (pg_catalog.count(*) = 12)::int FROM core.state_transitions WHERE machine = 'memory.batch_status'::regtype;
