-- Verify chaindb:trading/grids on pg

BEGIN;
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SELECT id, user_id, trading_pair, lower_price, upper_price, grid_count, investment, profit, status,
       contract_address, tx_hash, started_at, stopped_at, created_at, updated_at
  FROM trading.grids WHERE FALSE;
SELECT 'active'::trading.grid_status;
SELECT 1 / (relrowsecurity AND relforcerowsecurity)::int FROM pg_catalog.pg_class WHERE oid = 'trading.grids'::regclass;
SELECT 1 / (pg_catalog.count(*) = 3)::int FROM pg_catalog.pg_policy WHERE polrelid = 'trading.grids'::regclass
   AND polname !~ '_(app|readonly)$|_select_owner$';  -- the table's own policies (core/backend_access_tables adds the rest)

ROLLBACK;
