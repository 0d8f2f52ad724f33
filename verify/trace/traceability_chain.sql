-- Verify chaindb:trace/traceability_chain on pg

SELECT checkpoint_id, product_id, sequence_order, checkpoint_at, checkpoint_index, from_location, to_location,
       from_stakeholder_id, to_stakeholder_id, duration_hours, created_at
  FROM trace.traceability_chain WHERE FALSE;
SELECT 1 / (relrowsecurity AND relforcerowsecurity)::int FROM pg_catalog.pg_class WHERE oid = 'trace.traceability_chain'::regclass;
SELECT 1 / (pg_catalog.count(*) = 6)::int FROM pg_catalog.pg_policy WHERE polrelid = 'trace.traceability_chain'::regclass;
SELECT 1 / (pg_catalog.count(*) = 4)::int FROM pg_catalog.pg_trigger
 WHERE tgrelid = 'trace.checkpoints'::regclass
   AND tgname IN ('checkpoints_chain_insert', 'checkpoints_chain_update', 'checkpoints_chain_delete', 'checkpoints_chain_truncate');
SELECT 'trace.rebuild_traceability_chain(bigint)'::regprocedure, 'trace.checkpoints_maintain_chain()'::regprocedure;
