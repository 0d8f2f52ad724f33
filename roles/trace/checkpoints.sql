-- roles/trace/checkpoints.sql — privileges and RLS of trace.checkpoints.
--   chain_user: reads every checkpoint (public traceability data); records checkpoints of products
--   it is an active stakeholder of, as that stakeholder; never updates or deletes (history);
--   chain_app (the indexer): everything; chain_readonly: reads; chain_owner: reads (the chain
--   trigger and other definer functions, the analytics matviews).
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

ALTER TABLE trace.checkpoints ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;

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

CREATE POLICY checkpoints_select_app ON trace.checkpoints FOR SELECT TO chain_app USING (true);
CREATE POLICY checkpoints_insert_app ON trace.checkpoints FOR INSERT TO chain_app WITH CHECK (true);
CREATE POLICY checkpoints_update_app ON trace.checkpoints FOR UPDATE TO chain_app USING (true) WITH CHECK (true);
CREATE POLICY checkpoints_delete_app ON trace.checkpoints FOR DELETE TO chain_app USING (true);
COMMENT ON POLICY checkpoints_select_app ON trace.checkpoints IS 'The backend reads every checkpoint.';
COMMENT ON POLICY checkpoints_insert_app ON trace.checkpoints IS 'The backend (chain indexer) records checkpoints.';
COMMENT ON POLICY checkpoints_update_app ON trace.checkpoints IS 'The backend corrects checkpoints (the chain is rebuilt by trigger).';
COMMENT ON POLICY checkpoints_delete_app ON trace.checkpoints IS 'The backend removes erroneous checkpoints (the chain is rebuilt by trigger).';

CREATE POLICY checkpoints_select_readonly ON trace.checkpoints FOR SELECT TO chain_readonly USING (true);
COMMENT ON POLICY checkpoints_select_readonly ON trace.checkpoints IS 'Read-only reporting sees every checkpoint.';

CREATE POLICY checkpoints_select_owner ON trace.checkpoints FOR SELECT TO chain_owner USING (true);
COMMENT ON POLICY checkpoints_select_owner ON trace.checkpoints IS 'The chain trigger and other definer functions, and the analytics matviews, read every checkpoint.';
