-- Revert chaindb:memory/cost_tracking from pg

BEGIN;

-- policies, grants and indexes go with the table
DROP TABLE memory.cost_tracking;

COMMIT;
