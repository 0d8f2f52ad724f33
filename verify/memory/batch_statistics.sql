-- Verify chaindb:memory/batch_statistics on pg

SELECT date, batch_count, total_memories, avg_memories_per_batch, total_cost_lamports, avg_cost_per_batch
  FROM memory.batch_statistics WHERE FALSE;
SELECT 1 / pg_catalog.count(*) FROM pg_catalog.pg_class
 WHERE oid = 'memory.batch_statistics'::regclass AND 'security_invoker=true' = ANY (reloptions);
