-- Verify chaindb:manufacturing/milestones on pg

SELECT id, order_id, sequence_no, title, amount, status, due_date, completed_at, paid_at, created_at, updated_at
  FROM manufacturing.milestones WHERE FALSE;
SELECT 1 / pg_catalog.count(*) FROM pg_catalog.pg_trigger
 WHERE tgrelid = 'manufacturing.milestones'::regclass AND tgname = 'milestones_within_total';
SELECT 1 / (relrowsecurity AND relforcerowsecurity)::int FROM pg_catalog.pg_class WHERE oid = 'manufacturing.milestones'::regclass;
SELECT 1 / pg_catalog.count(*) FROM pg_catalog.pg_trigger
 WHERE tgrelid = 'manufacturing.orders'::regclass AND tgname = 'orders_total_covers_milestones';
