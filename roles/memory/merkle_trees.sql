-- roles/memory/merkle_trees.sql — privileges and RLS of memory.merkle_trees.
--   Public chain data: chain_user and chain_readonly read every tree; chain_app (the indexer and
--   the minting workers) registers, fills (memory.reserve_leaves) and retires trees.
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

-- RLS forced, PUBLIC nothing, chain_app DML and chain_readonly SELECT with their policies
SELECT core.enable_backend_access('memory.merkle_trees');
-- merkle_trees_select_owner (chain_owner reads every row): core.enable_backend_access creates it once issue 11's
-- helper does (COORD a838c8b); until then it is created here, under the same name, so the result is one
DO $owner$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_policy
                    WHERE polrelid = 'memory.merkle_trees'::pg_catalog.regclass AND polname = 'merkle_trees_select_owner') THEN
        CREATE POLICY merkle_trees_select_owner ON memory.merkle_trees FOR SELECT TO chain_owner USING (true);
        COMMENT ON POLICY merkle_trees_select_owner ON memory.merkle_trees IS 'SECURITY DEFINER code, triggers and maintenance run as chain_owner, which FORCE ROW LEVEL SECURITY binds too: the owner reads every row.';
    END IF;
END
$owner$;

GRANT SELECT ON memory.merkle_trees TO chain_user;
CREATE POLICY merkle_trees_select_user ON memory.merkle_trees FOR SELECT TO chain_user USING (true);
COMMENT ON POLICY merkle_trees_select_user ON memory.merkle_trees IS 'Trees are public chain data: an end user reads every tree.';

