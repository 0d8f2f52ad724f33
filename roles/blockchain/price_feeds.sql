-- roles/blockchain/price_feeds.sql — prices are public: every role reads them; the backend
-- (oracle ingestion, chain_app) writes. RLS enabled and forced on both tables.
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write
-- chain_app and chain_readonly: core.enable_backend_access(), called for this table by the change
-- core/backend_access_tables (docs/conventions.md); here only what differs.

ALTER TABLE blockchain.price_feeds ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
ALTER TABLE blockchain.price_symbols ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;

GRANT SELECT ON blockchain.price_feeds, blockchain.price_symbols TO chain_user;

CREATE POLICY price_feeds_select_all ON blockchain.price_feeds FOR SELECT TO chain_user USING (true);
COMMENT ON POLICY price_feeds_select_all ON blockchain.price_feeds IS 'Prices are public: end users read every price (chain_readonly: price_feeds_select_readonly).';

CREATE POLICY price_symbols_select_all ON blockchain.price_symbols FOR SELECT TO chain_user USING (true);
COMMENT ON POLICY price_symbols_select_all ON blockchain.price_symbols IS 'Quoted symbols are public: end users read every symbol (chain_readonly: price_symbols_select_readonly).';
