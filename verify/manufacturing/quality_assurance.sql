-- Verify chaindb:manufacturing/quality_assurance on pg

SELECT id, order_id, inspector_id, result, score, defects, notes, inspected_at, created_at
  FROM manufacturing.quality_assurance WHERE FALSE;
SELECT 1 / (relrowsecurity AND relforcerowsecurity)::int FROM pg_catalog.pg_class WHERE oid = 'manufacturing.quality_assurance'::regclass;
