-- roles/blockchain/assets.sql — blockchain.assets is a public catalogue: every role reads it,
-- only the backend (chain_app) writes it. RLS enabled and forced as everywhere.
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write
-- chain_app and chain_readonly: core.enable_backend_access(), called for this table by the change
-- core/backend_access_tables (docs/conventions.md); here only what differs.

ALTER TABLE blockchain.assets ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;

GRANT SELECT ON blockchain.assets TO chain_user;
CREATE POLICY assets_select_all ON blockchain.assets FOR SELECT TO chain_user USING (true);
COMMENT ON POLICY assets_select_all ON blockchain.assets IS 'The asset catalogue is public: end users read every asset (chain_readonly: assets_select_readonly).';
