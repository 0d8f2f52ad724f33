-- roles/memory/batches.sql — privileges and RLS of memory.batches.
--   chain_user: reads the batches its wallet minted (owner_address = core.current_wallet());
--   chain_app (the seed's blockchain_service) creates and advances batches; chain_readonly reads all.
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

ALTER TABLE memory.batches ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;

GRANT SELECT ON memory.batches TO chain_user;
CREATE POLICY batches_select_own ON memory.batches FOR SELECT TO chain_user
    USING (owner_address = (SELECT core.current_wallet()));
COMMENT ON POLICY batches_select_own ON memory.batches IS 'An end user reads only the batches of its own wallet.';

CREATE POLICY batches_select_app ON memory.batches FOR SELECT TO chain_app USING (true);
CREATE POLICY batches_insert_app ON memory.batches FOR INSERT TO chain_app WITH CHECK (true);
CREATE POLICY batches_update_app ON memory.batches FOR UPDATE TO chain_app USING (true) WITH CHECK (true);
CREATE POLICY batches_delete_app ON memory.batches FOR DELETE TO chain_app USING (true);
COMMENT ON POLICY batches_select_app ON memory.batches IS 'The backend reads every batch.';
COMMENT ON POLICY batches_insert_app ON memory.batches IS 'The backend creates batches.';
COMMENT ON POLICY batches_update_app ON memory.batches IS 'The backend advances batches through their states.';
COMMENT ON POLICY batches_delete_app ON memory.batches IS 'The backend deletes batches no asset refers to.';

GRANT SELECT ON memory.batches TO chain_readonly;
CREATE POLICY batches_select_readonly ON memory.batches FOR SELECT TO chain_readonly USING (true);
COMMENT ON POLICY batches_select_readonly ON memory.batches IS 'Read-only reporting sees every batch.';
