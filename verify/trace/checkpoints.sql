-- Verify chaindb:trace/checkpoints on pg

SELECT id, product_id, checkpoint_index, "timestamp", location, stakeholder_id, status, temperature, humidity,
       additional_data, contract_address, tx_hash, block_number, created_at
  FROM trace.checkpoints WHERE FALSE;
SELECT 1 / (relrowsecurity AND relforcerowsecurity)::int FROM pg_catalog.pg_class WHERE oid = 'trace.checkpoints'::regclass;
SELECT 1 / (pg_catalog.count(*) = 8)::int FROM pg_catalog.pg_policy WHERE polrelid = 'trace.checkpoints'::regclass;
SELECT 1 / pg_catalog.count(*) FROM pg_catalog.pg_trigger WHERE tgrelid = 'trace.checkpoints'::regclass AND tgname = 'checkpoints_assign_index';
SELECT 'trace.lock_product_chain(bigint)'::regprocedure, 'trace.checkpoints_before_write()'::regprocedure;
