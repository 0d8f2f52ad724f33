-- roles/blockchain/assets.sql — blockchain.assets is a public catalogue: every role reads it,
-- only the backend (chain_app) writes it. RLS enabled and forced as everywhere.
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

ALTER TABLE blockchain.assets ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;

GRANT SELECT ON blockchain.assets TO chain_user;
CREATE POLICY assets_select_all ON blockchain.assets FOR SELECT TO chain_user, chain_readonly USING (true);
CREATE POLICY assets_select_app ON blockchain.assets FOR SELECT TO chain_app USING (true);
CREATE POLICY assets_insert_app ON blockchain.assets FOR INSERT TO chain_app WITH CHECK (true);
CREATE POLICY assets_update_app ON blockchain.assets FOR UPDATE TO chain_app USING (true) WITH CHECK (true);
CREATE POLICY assets_delete_app ON blockchain.assets FOR DELETE TO chain_app USING (true);
COMMENT ON POLICY assets_select_all ON blockchain.assets IS 'The asset catalogue is public: end users and reporting read every asset.';
COMMENT ON POLICY assets_select_app ON blockchain.assets IS 'The backend reads every asset.';
COMMENT ON POLICY assets_insert_app ON blockchain.assets IS 'The backend tokenizes assets.';
COMMENT ON POLICY assets_update_app ON blockchain.assets IS 'The backend updates assets.';
COMMENT ON POLICY assets_delete_app ON blockchain.assets IS 'The backend deletes assets.';
