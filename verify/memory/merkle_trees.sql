-- Verify chaindb:memory/merkle_trees on pg

SELECT tree_address, max_depth, max_buffer_size, canopy_depth, capacity, current_size, utilization_percent,
       status, created_at, last_mint_at, updated_at
  FROM memory.merkle_trees WHERE FALSE;
SELECT 1 / (relrowsecurity AND relforcerowsecurity)::int FROM pg_catalog.pg_class WHERE oid = 'memory.merkle_trees'::regclass;
SELECT 1 / pg_catalog.count(*) FROM pg_catalog.pg_constraint
 WHERE conrelid = 'memory.merkle_trees'::regclass AND conname = 'merkle_trees_size_within_capacity';
SELECT 'memory.reserve_leaves(text, integer)'::regprocedure;
