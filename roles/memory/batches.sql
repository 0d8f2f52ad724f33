-- roles/memory/batches.sql — privileges and RLS of memory.batches.
--   chain_user: reads the batches its wallet minted (owner_address = core.current_wallet());
--   chain_app (the seed's blockchain_service) creates and advances batches; chain_readonly reads all.
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

-- RLS forced, PUBLIC nothing, chain_app DML and chain_readonly SELECT with their policies
SELECT core.enable_backend_access('memory.batches');
-- batches_select_owner (chain_owner reads every row): core.enable_backend_access creates it once issue 11's
-- helper does (COORD a838c8b); until then it is created here, under the same name, so the result is one
DO $owner$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_policy
                    WHERE polrelid = 'memory.batches'::pg_catalog.regclass AND polname = 'batches_select_owner') THEN
        CREATE POLICY batches_select_owner ON memory.batches FOR SELECT TO chain_owner USING (true);
        COMMENT ON POLICY batches_select_owner ON memory.batches IS 'SECURITY DEFINER code, triggers and maintenance run as chain_owner, which FORCE ROW LEVEL SECURITY binds too: the owner reads every row.';
    END IF;
END
$owner$;

GRANT SELECT ON memory.batches TO chain_user;
CREATE POLICY batches_select_own ON memory.batches FOR SELECT TO chain_user
    USING (owner_address = (SELECT core.current_wallet()));
COMMENT ON POLICY batches_select_own ON memory.batches IS 'An end user reads only the batches of its own wallet.';

