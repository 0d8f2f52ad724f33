-- roles/memory/batches.sql — privileges and RLS of memory.batches.
--   chain_user: reads the batches its wallet minted (owner_address = core.current_wallet());
--   chain_app (the seed's blockchain_service) creates and advances batches; chain_readonly reads all.
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

-- RLS forced, PUBLIC nothing, chain_app DML and chain_readonly SELECT with their policies
-- (with <table>_select_owner: chain_owner reads every row, for the SECURITY DEFINER code and retention)
SELECT core.enable_backend_access('memory.batches');

GRANT SELECT ON memory.batches TO chain_user;
CREATE POLICY batches_select_own ON memory.batches FOR SELECT TO chain_user
    USING (owner_address = (SELECT core.current_wallet()));
COMMENT ON POLICY batches_select_own ON memory.batches IS 'An end user reads only the batches of its own wallet.';

