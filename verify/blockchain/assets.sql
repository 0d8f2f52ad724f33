-- Verify chaindb:blockchain/assets on pg

SELECT id, issuer_id, asset_type, name, symbol, description, specifications, total_supply,
       metadata_uri, is_active, created_at, updated_at, search_vector
  FROM blockchain.assets WHERE FALSE;
SELECT 1 / (relrowsecurity AND relforcerowsecurity)::int FROM pg_catalog.pg_class WHERE oid = 'blockchain.assets'::regclass;
SELECT 1 / (pg_catalog.count(*) = 1)::int FROM pg_catalog.pg_policy WHERE polrelid = 'blockchain.assets'::regclass
   AND polname !~ '_(app|readonly)$|_select_owner$';  -- the table's own policies (core/backend_access_tables adds the rest)
SELECT 1 / pg_catalog.count(*) FROM pg_catalog.pg_enum WHERE enumtypid = 'blockchain.asset_type'::regtype;
