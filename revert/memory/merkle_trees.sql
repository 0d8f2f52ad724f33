-- Revert chaindb:memory/merkle_trees from pg

BEGIN;

DROP FUNCTION memory.reserve_leaves(text, integer);
-- policies, grants, indexes and triggers go with the table
DROP TABLE memory.merkle_trees;
DROP TYPE memory.tree_status;

COMMIT;
