-- roles/trace/stakeholders.sql — privileges and RLS of trace.stakeholders.
--   chain_user: reads every stakeholder (public traceability data); the manufacturer of a product
--   adds and (de)activates its stakeholders; chain_app: everything; chain_readonly: reads;
--   chain_owner: reads (definer functions, matviews) and inserts (the manufacturer trigger).
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SELECT core.enable_backend_access('trace.stakeholders');  -- RLS forced; chain_app DML, chain_readonly and chain_owner SELECT policies

GRANT SELECT ON trace.stakeholders TO chain_user;
GRANT INSERT (product_id, user_id, role, added_by) ON trace.stakeholders TO chain_user;
GRANT UPDATE (is_active) ON trace.stakeholders TO chain_user;
CREATE POLICY stakeholders_select_all ON trace.stakeholders FOR SELECT TO chain_user USING (true);
CREATE POLICY stakeholders_insert_manufacturer ON trace.stakeholders FOR INSERT TO chain_user
    WITH CHECK (added_by = (SELECT core.current_user_id())
                AND EXISTS (SELECT 1 FROM trace.products AS p
                             WHERE p.product_id = stakeholders.product_id
                               AND p.manufacturer_id = (SELECT core.current_user_id())));
CREATE POLICY stakeholders_update_manufacturer ON trace.stakeholders FOR UPDATE TO chain_user
    USING (EXISTS (SELECT 1 FROM trace.products AS p
                    WHERE p.product_id = stakeholders.product_id
                      AND p.manufacturer_id = (SELECT core.current_user_id())))
    WITH CHECK (EXISTS (SELECT 1 FROM trace.products AS p
                         WHERE p.product_id = stakeholders.product_id
                           AND p.manufacturer_id = (SELECT core.current_user_id())));
COMMENT ON POLICY stakeholders_select_all ON trace.stakeholders IS 'Public traceability data: an end user reads every stakeholder.';
COMMENT ON POLICY stakeholders_insert_manufacturer ON trace.stakeholders IS 'Only the product''s manufacturer adds stakeholders to it, in its own name (products_pkey serves the check).';
COMMENT ON POLICY stakeholders_update_manufacturer ON trace.stakeholders IS 'Only the product''s manufacturer (de)activates its stakeholders.';

CREATE POLICY stakeholders_insert_owner ON trace.stakeholders FOR INSERT TO chain_owner WITH CHECK (true);
COMMENT ON POLICY stakeholders_insert_owner ON trace.stakeholders IS 'trace.add_manufacturer_stakeholder() (definer) adds the manufacturer.';
