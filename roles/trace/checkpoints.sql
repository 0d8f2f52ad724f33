-- roles/trace/checkpoints.sql — privileges and RLS of trace.checkpoints.
--   chain_user: reads every checkpoint (public traceability data); records checkpoints of products
--   it is an active stakeholder of, as that stakeholder; never updates or deletes (history);
--   chain_app (the indexer): everything; chain_readonly: reads; chain_owner: reads (the chain
--   trigger and other definer functions, the analytics matviews).
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SELECT core.enable_backend_access('trace.checkpoints');  -- RLS forced; chain_app DML, chain_readonly and chain_owner SELECT policies

GRANT SELECT ON trace.checkpoints TO chain_user;
GRANT INSERT (product_id, checkpoint_index, "timestamp", location, stakeholder_id, status, temperature, humidity,
              additional_data) ON trace.checkpoints TO chain_user;
CREATE POLICY checkpoints_select_all ON trace.checkpoints FOR SELECT TO chain_user USING (true);
CREATE POLICY checkpoints_insert_stakeholder ON trace.checkpoints FOR INSERT TO chain_user
    WITH CHECK (EXISTS (SELECT 1 FROM trace.stakeholders AS s
                         WHERE s.id = checkpoints.stakeholder_id
                           AND s.product_id = checkpoints.product_id
                           AND s.user_id = (SELECT core.current_user_id())
                           AND s.is_active));
COMMENT ON POLICY checkpoints_select_all ON trace.checkpoints IS 'Public traceability data: an end user reads every checkpoint.';
COMMENT ON POLICY checkpoints_insert_stakeholder ON trace.checkpoints IS 'An end user records a checkpoint only as an active stakeholder of that product (stakeholders_pkey serves the check).';

