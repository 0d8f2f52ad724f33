-- roles/blockchain/transactions.sql — on-chain data is public: every role reads every
-- transaction; only the backend (chain_app, the chain indexer) writes.
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write
-- chain_app and chain_readonly: core.enable_backend_access(), called for this table by the change
-- core/backend_access_tables (docs/conventions.md); here only what differs.

ALTER TABLE blockchain.transactions ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;

GRANT SELECT ON blockchain.transactions TO chain_user;
CREATE POLICY transactions_select_all ON blockchain.transactions FOR SELECT TO chain_user USING (true);
COMMENT ON POLICY transactions_select_all ON blockchain.transactions IS 'Chain data is public: end users read every transaction (chain_readonly: transactions_select_readonly).';
