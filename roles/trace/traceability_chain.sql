-- roles/trace/traceability_chain.sql — privileges and RLS of trace.traceability_chain.
--   Written only by the chain triggers (SECURITY DEFINER, chain_owner). chain_user, chain_app and
--   chain_readonly read every row (public traceability data); nobody else writes.
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SELECT core.enable_backend_access('trace.traceability_chain');  -- RLS forced; chain_app DML, chain_readonly and chain_owner SELECT policies

-- the chain is derived: chain_app reads it, never writes it
REVOKE INSERT, UPDATE, DELETE ON trace.traceability_chain FROM chain_app;
DROP POLICY traceability_chain_insert_app ON trace.traceability_chain;
DROP POLICY traceability_chain_update_app ON trace.traceability_chain;
DROP POLICY traceability_chain_delete_app ON trace.traceability_chain;
GRANT SELECT ON trace.traceability_chain TO chain_user;

CREATE POLICY traceability_chain_select_all ON trace.traceability_chain FOR SELECT TO chain_user USING (true);
COMMENT ON POLICY traceability_chain_select_all ON trace.traceability_chain IS 'Public traceability data: an end user reads every chain.';

CREATE POLICY traceability_chain_insert_owner ON trace.traceability_chain FOR INSERT TO chain_owner WITH CHECK (true);
CREATE POLICY traceability_chain_delete_owner ON trace.traceability_chain FOR DELETE TO chain_owner USING (true);
COMMENT ON POLICY traceability_chain_insert_owner ON trace.traceability_chain IS 'The chain triggers (definer) append and rebuild steps.';
COMMENT ON POLICY traceability_chain_delete_owner ON trace.traceability_chain IS 'trace.rebuild_traceability_chain() (definer) replaces a product''s steps.';
