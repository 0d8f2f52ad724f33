-- Verify chaindb:memory/user_statistics on pg

SELECT owner_address, total_assets, active_assets, total_batches, first_mint_at, last_mint_at, batched_mints,
       unique_agents, total_cost_lamports
  FROM memory.user_statistics WHERE FALSE;
SELECT 1 / pg_catalog.count(*) FROM pg_catalog.pg_class
 WHERE oid = 'memory.user_statistics'::regclass AND 'security_invoker=true' = ANY (reloptions);
