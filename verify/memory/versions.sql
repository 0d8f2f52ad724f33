-- Verify chaindb:memory/versions on pg

SELECT id, asset_id, version_number, arweave_id, content_hash, changes_description, created_by, created_at, metadata
  FROM memory.versions WHERE FALSE;
SELECT 1 / (relrowsecurity AND relforcerowsecurity)::int FROM pg_catalog.pg_class WHERE oid = 'memory.versions'::regclass;
SELECT 1 / pg_catalog.count(*) FROM pg_catalog.pg_trigger WHERE tgrelid = 'memory.versions'::regclass AND tgname = 'versions_apply';
