-- Verify chaindb:manufacturing/orders on pg

SELECT id, customer_id, manufacturer_id, asset_id, title, specifications, quantity, total_amount,
       status, due_date, created_at, updated_at
  FROM manufacturing.orders WHERE FALSE;
SELECT 1 / (relrowsecurity AND relforcerowsecurity)::int FROM pg_catalog.pg_class WHERE oid = 'manufacturing.orders'::regclass;
SELECT 'manufacturing.party_order_ids()'::regprocedure;
