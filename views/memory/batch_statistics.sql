-- memory.batch_statistics — daily statistics of completed batch mints, one row per UTC day in
-- column "date" (the seed's usage query filters date >= CURRENT_DATE - INTERVAL '30 days'). The
-- day expression is exactly memory.batches_completed_day_idx's, so that filter is index-served.
-- security_invoker: an end user's statistics cover its own batches.
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

CREATE VIEW memory.batch_statistics WITH (security_invoker = true) AS
SELECT CAST(b.created_at AT TIME ZONE 'UTC' AS pg_catalog.date) AS date,
       pg_catalog.count(*) AS batch_count,
       pg_catalog.sum(b.memory_count) AS total_memories,
       pg_catalog.avg(b.memory_count) AS avg_memories_per_batch,
       pg_catalog.sum(b.total_cost_lamports) AS total_cost_lamports,
       pg_catalog.avg(b.total_cost_lamports) AS avg_cost_per_batch
  FROM memory.batches AS b
 WHERE b.status = 'completed'
 GROUP BY CAST(b.created_at AT TIME ZONE 'UTC' AS pg_catalog.date);
COMMENT ON VIEW memory.batch_statistics IS 'Daily statistics on completed batch mints, one row per UTC day (column date) [seed: batch_statistics]; security_invoker.';
COMMENT ON COLUMN memory.batch_statistics.date IS 'The UTC day the batches were created.';
COMMENT ON COLUMN memory.batch_statistics.batch_count IS 'Completed batches that day.';
COMMENT ON COLUMN memory.batch_statistics.total_memories IS 'Memories minted in them.';
COMMENT ON COLUMN memory.batch_statistics.avg_memories_per_batch IS 'Average memories per batch.';
COMMENT ON COLUMN memory.batch_statistics.total_cost_lamports IS 'Their total Solana cost in lamports.';
COMMENT ON COLUMN memory.batch_statistics.avg_cost_per_batch IS 'Average Solana cost per batch in lamports.';
-- read-only: the schema's default privileges gave chain_app DML
REVOKE INSERT, UPDATE, DELETE ON memory.batch_statistics FROM chain_app;
GRANT SELECT ON memory.batch_statistics TO chain_app, chain_user, chain_readonly;
