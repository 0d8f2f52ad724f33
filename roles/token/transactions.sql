-- roles/token/transactions.sql — privileges and RLS of token.transactions.
--   chain_user: reads its own token transactions; chain_app (the indexer): everything;
--   chain_readonly: reads; chain_owner: reads (analytics matviews, definer functions).
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

-- chain_owner's read policy (owner read access: core.enable_backend_access creates the same
-- transactions_select_owner once issue 11's version does; created first here, the helper skips it)
CREATE POLICY transactions_select_owner ON token.transactions FOR SELECT TO chain_owner USING (true);
COMMENT ON POLICY transactions_select_owner ON token.transactions IS 'Analytics matviews and definer functions read every token transaction.';
SELECT core.enable_backend_access('token.transactions');  -- RLS forced; chain_app DML and chain_readonly SELECT policies

GRANT SELECT ON token.transactions TO chain_user;
CREATE POLICY transactions_select_own ON token.transactions FOR SELECT TO chain_user
    USING (user_id = (SELECT core.current_user_id()));
COMMENT ON POLICY transactions_select_own ON token.transactions IS 'An end user reads only its own token transactions.';

