-- roles/memory/merkle_trees.sql — privileges and RLS of memory.merkle_trees.
--   Public chain data: chain_user and chain_readonly read every tree; chain_app (the indexer and
--   the minting workers) registers, fills (memory.reserve_leaves) and retires trees.
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

-- RLS forced, PUBLIC nothing, chain_app DML and chain_readonly SELECT with their policies
-- (with <table>_select_owner: chain_owner reads every row, for the SECURITY DEFINER code and retention)
SELECT core.enable_backend_access('memory.merkle_trees');

GRANT SELECT ON memory.merkle_trees TO chain_user;
CREATE POLICY merkle_trees_select_user ON memory.merkle_trees FOR SELECT TO chain_user USING (true);
COMMENT ON POLICY merkle_trees_select_user ON memory.merkle_trees IS 'Trees are public chain data: an end user reads every tree.';

