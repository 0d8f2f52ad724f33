-- Verify chaindb:trading/orders on pg

SELECT id, user_id, asset_id, side, order_type, price, quantity, filled_quantity, avg_fill_price,
       status, expires_at, created_at, updated_at
  FROM trading.orders WHERE FALSE;
SELECT 1 / (relrowsecurity AND relforcerowsecurity)::int FROM pg_catalog.pg_class WHERE oid = 'trading.orders'::regclass;
SELECT 1 / (pg_catalog.count(*) = 3)::int FROM pg_catalog.pg_policy WHERE polrelid = 'trading.orders'::regclass
   AND polname !~ '_(app|readonly)$|_select_owner$';  -- the table's own policies (core/backend_access_tables adds the rest)
SELECT 1 / pg_catalog.count(*) FROM pg_catalog.pg_index
 WHERE indexrelid = 'trading.orders_open_book_idx'::regclass AND indpred IS NOT NULL;
