-- Revert chaindb:trading/grids from pg

BEGIN;

-- policies, grants, indexes and the trigger go with the table
DROP TABLE trading.grids;
DROP TYPE trading.grid_status;

COMMIT;
