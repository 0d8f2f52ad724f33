-- roles/trace/products.sql — privileges and RLS of trace.products.
--   chain_user: reads every product (public traceability data); registers products it manufactures
--   and edits or deactivates its own; chain_app (the indexer/backend): everything;
--   chain_readonly: reads everything; chain_owner: reads everything (SECURITY DEFINER functions,
--   the analytics materialized views).
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SELECT core.enable_backend_access('trace.products');  -- RLS forced; chain_app DML, chain_readonly and chain_owner SELECT policies

GRANT SELECT ON trace.products TO chain_user;
GRANT INSERT (product_id, product_name, product_type, manufacturer_id, batch_number, manufacture_date, expiry_date,
              raw_materials, metadata_uri) ON trace.products TO chain_user;
GRANT UPDATE (product_name, expiry_date, raw_materials, metadata_uri, is_active, deactivated_at, deactivated_by)
    ON trace.products TO chain_user;
CREATE POLICY products_select_all ON trace.products FOR SELECT TO chain_user USING (true);
CREATE POLICY products_insert_own ON trace.products FOR INSERT TO chain_user
    WITH CHECK (manufacturer_id = (SELECT core.current_user_id()));
CREATE POLICY products_update_own ON trace.products FOR UPDATE TO chain_user
    USING (manufacturer_id = (SELECT core.current_user_id()))
    WITH CHECK (manufacturer_id = (SELECT core.current_user_id()));
COMMENT ON POLICY products_select_all ON trace.products IS 'Public traceability data: an end user reads every product.';
COMMENT ON POLICY products_insert_own ON trace.products IS 'An end user registers products only as their manufacturer.';
COMMENT ON POLICY products_update_own ON trace.products IS 'A manufacturer edits or deactivates only its own products.';

