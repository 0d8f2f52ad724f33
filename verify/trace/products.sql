-- Verify chaindb:trace/products on pg

SELECT product_id, product_name, product_type, manufacturer_id, batch_number, manufacture_date, expiry_date,
       raw_materials, is_active, metadata_uri, contract_address, tx_hash, block_number, deactivated_at,
       deactivated_by, created_at, updated_at, search_vector
  FROM trace.products WHERE FALSE;
SELECT 1 / (relrowsecurity AND relforcerowsecurity)::int FROM pg_catalog.pg_class WHERE oid = 'trace.products'::regclass;
SELECT 1 / (pg_catalog.count(*) = 9)::int FROM pg_catalog.pg_policy WHERE polrelid = 'trace.products'::regclass;
SELECT 1 / pg_catalog.count(*) FROM pg_catalog.pg_trigger WHERE tgrelid = 'trace.products'::regclass AND tgname = 'audit_capture';
