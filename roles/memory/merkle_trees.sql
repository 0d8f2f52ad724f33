-- roles/memory/merkle_trees.sql — privileges and RLS of memory.merkle_trees.
--   Public chain data: chain_user and chain_readonly read every tree; chain_app (the indexer and
--   the minting workers) registers, fills (memory.reserve_leaves) and retires trees.
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

ALTER TABLE memory.merkle_trees ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;

GRANT SELECT ON memory.merkle_trees TO chain_user;
CREATE POLICY merkle_trees_select_user ON memory.merkle_trees FOR SELECT TO chain_user USING (true);
COMMENT ON POLICY merkle_trees_select_user ON memory.merkle_trees IS 'Trees are public chain data: an end user reads every tree.';

CREATE POLICY merkle_trees_select_app ON memory.merkle_trees FOR SELECT TO chain_app USING (true);
CREATE POLICY merkle_trees_insert_app ON memory.merkle_trees FOR INSERT TO chain_app WITH CHECK (true);
CREATE POLICY merkle_trees_update_app ON memory.merkle_trees FOR UPDATE TO chain_app USING (true) WITH CHECK (true);
CREATE POLICY merkle_trees_delete_app ON memory.merkle_trees FOR DELETE TO chain_app USING (true);
COMMENT ON POLICY merkle_trees_select_app ON memory.merkle_trees IS 'The backend reads every tree.';
COMMENT ON POLICY merkle_trees_insert_app ON memory.merkle_trees IS 'The backend registers trees.';
COMMENT ON POLICY merkle_trees_update_app ON memory.merkle_trees IS 'The backend reserves leaves (memory.reserve_leaves) and retires trees.';
COMMENT ON POLICY merkle_trees_delete_app ON memory.merkle_trees IS 'The backend deletes trees no batch uses.';

GRANT SELECT ON memory.merkle_trees TO chain_readonly;
CREATE POLICY merkle_trees_select_readonly ON memory.merkle_trees FOR SELECT TO chain_readonly USING (true);
COMMENT ON POLICY merkle_trees_select_readonly ON memory.merkle_trees IS 'Read-only reporting sees every tree.';
