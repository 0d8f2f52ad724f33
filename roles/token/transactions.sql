-- roles/token/transactions.sql — privileges and RLS of token.transactions.
--   chain_user: reads its own token transactions; chain_app (the indexer): everything;
--   chain_readonly: reads; chain_owner: reads (analytics matviews, definer functions).
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

ALTER TABLE token.transactions ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;

GRANT SELECT ON token.transactions TO chain_user;
CREATE POLICY transactions_select_own ON token.transactions FOR SELECT TO chain_user
    USING (user_id = (SELECT core.current_user_id()));
COMMENT ON POLICY transactions_select_own ON token.transactions IS 'An end user reads only its own token transactions.';

CREATE POLICY transactions_select_app ON token.transactions FOR SELECT TO chain_app USING (true);
CREATE POLICY transactions_insert_app ON token.transactions FOR INSERT TO chain_app WITH CHECK (true);
CREATE POLICY transactions_update_app ON token.transactions FOR UPDATE TO chain_app USING (true) WITH CHECK (true);
CREATE POLICY transactions_delete_app ON token.transactions FOR DELETE TO chain_app USING (true);
COMMENT ON POLICY transactions_select_app ON token.transactions IS 'The backend reads every token transaction.';
COMMENT ON POLICY transactions_insert_app ON token.transactions IS 'The backend (indexer) records transactions.';
COMMENT ON POLICY transactions_update_app ON token.transactions IS 'The backend confirms, fails or cancels transactions.';
COMMENT ON POLICY transactions_delete_app ON token.transactions IS 'The backend deletes transactions recorded in error.';

CREATE POLICY transactions_select_readonly ON token.transactions FOR SELECT TO chain_readonly USING (true);
COMMENT ON POLICY transactions_select_readonly ON token.transactions IS 'Read-only reporting sees every token transaction.';
CREATE POLICY transactions_select_owner ON token.transactions FOR SELECT TO chain_owner USING (true);
COMMENT ON POLICY transactions_select_owner ON token.transactions IS 'Analytics matviews and definer functions read every token transaction.';
