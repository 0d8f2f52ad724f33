-- Revert chaindb:trading/grids from pg

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

-- policies, grants, indexes and the trigger go with the table
DROP TABLE trading.grids;
DROP TYPE trading.grid_status;

COMMIT;
