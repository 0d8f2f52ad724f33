-- roles/blockchain/price_feeds.sql — prices are public: every role reads them; the backend
-- (oracle ingestion, chain_app) writes. RLS enabled and forced on both tables.
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

ALTER TABLE blockchain.price_feeds ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
ALTER TABLE blockchain.price_symbols ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;

GRANT SELECT ON blockchain.price_feeds, blockchain.price_symbols TO chain_user;

CREATE POLICY price_feeds_select_all ON blockchain.price_feeds FOR SELECT TO chain_user, chain_readonly USING (true);
CREATE POLICY price_feeds_select_app ON blockchain.price_feeds FOR SELECT TO chain_app USING (true);
CREATE POLICY price_feeds_insert_app ON blockchain.price_feeds FOR INSERT TO chain_app WITH CHECK (true);
CREATE POLICY price_feeds_update_app ON blockchain.price_feeds FOR UPDATE TO chain_app USING (true) WITH CHECK (true);
CREATE POLICY price_feeds_delete_app ON blockchain.price_feeds FOR DELETE TO chain_app USING (true);
COMMENT ON POLICY price_feeds_select_all ON blockchain.price_feeds IS 'Prices are public: end users and reporting read every price.';
COMMENT ON POLICY price_feeds_select_app ON blockchain.price_feeds IS 'The backend reads every price.';
COMMENT ON POLICY price_feeds_insert_app ON blockchain.price_feeds IS 'The backend ingests oracle prices.';
COMMENT ON POLICY price_feeds_update_app ON blockchain.price_feeds IS 'The backend corrects prices.';
COMMENT ON POLICY price_feeds_delete_app ON blockchain.price_feeds IS 'The backend deletes prices.';

CREATE POLICY price_symbols_select_all ON blockchain.price_symbols FOR SELECT TO chain_user, chain_readonly USING (true);
CREATE POLICY price_symbols_select_app ON blockchain.price_symbols FOR SELECT TO chain_app USING (true);
CREATE POLICY price_symbols_insert_app ON blockchain.price_symbols FOR INSERT TO chain_app WITH CHECK (true);
CREATE POLICY price_symbols_update_app ON blockchain.price_symbols FOR UPDATE TO chain_app USING (true) WITH CHECK (true);
CREATE POLICY price_symbols_delete_app ON blockchain.price_symbols FOR DELETE TO chain_app USING (true);
COMMENT ON POLICY price_symbols_select_all ON blockchain.price_symbols IS 'Quoted symbols are public.';
COMMENT ON POLICY price_symbols_select_app ON blockchain.price_symbols IS 'The backend reads every symbol.';
COMMENT ON POLICY price_symbols_insert_app ON blockchain.price_symbols IS 'The backend (through price_feeds_register_symbol) adds symbols.';
COMMENT ON POLICY price_symbols_update_app ON blockchain.price_symbols IS 'The backend updates symbols.';
COMMENT ON POLICY price_symbols_delete_app ON blockchain.price_symbols IS 'The backend removes symbols no longer quoted.';
