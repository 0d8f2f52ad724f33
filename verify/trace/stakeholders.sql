-- Verify chaindb:trace/stakeholders on pg

SELECT id, product_id, user_id, role, added_by, added_at, is_active FROM trace.stakeholders WHERE FALSE;
SELECT 1 / (relrowsecurity AND relforcerowsecurity)::int FROM pg_catalog.pg_class WHERE oid = 'trace.stakeholders'::regclass;
SELECT 1 / (pg_catalog.count(*) = 10)::int FROM pg_catalog.pg_policy WHERE polrelid = 'trace.stakeholders'::regclass;
SELECT 1 / pg_catalog.count(*) FROM pg_catalog.pg_trigger WHERE tgrelid = 'trace.products'::regclass AND tgname = 'products_add_manufacturer';
SELECT 'trace.add_manufacturer_stakeholder()'::regprocedure;
