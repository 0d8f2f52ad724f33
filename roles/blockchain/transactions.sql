-- roles/blockchain/transactions.sql — on-chain data is public: every role reads every
-- transaction; only the backend (chain_app, the chain indexer) writes.
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

ALTER TABLE blockchain.transactions ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;

GRANT SELECT ON blockchain.transactions TO chain_user;
CREATE POLICY transactions_select_all ON blockchain.transactions FOR SELECT TO chain_user, chain_readonly USING (true);
CREATE POLICY transactions_select_app ON blockchain.transactions FOR SELECT TO chain_app USING (true);
CREATE POLICY transactions_insert_app ON blockchain.transactions FOR INSERT TO chain_app WITH CHECK (true);
CREATE POLICY transactions_update_app ON blockchain.transactions FOR UPDATE TO chain_app USING (true) WITH CHECK (true);
CREATE POLICY transactions_delete_app ON blockchain.transactions FOR DELETE TO chain_app USING (true);
COMMENT ON POLICY transactions_select_all ON blockchain.transactions IS 'Chain data is public: end users and reporting read every transaction.';
COMMENT ON POLICY transactions_select_app ON blockchain.transactions IS 'The backend reads every transaction.';
COMMENT ON POLICY transactions_insert_app ON blockchain.transactions IS 'The backend (indexer) records transactions.';
COMMENT ON POLICY transactions_update_app ON blockchain.transactions IS 'The backend confirms or fails transactions.';
COMMENT ON POLICY transactions_delete_app ON blockchain.transactions IS 'The backend deletes transactions (chain reorganisations).';
