-- roles/token/transactions.sql — privileges and RLS of token.transactions.
--   chain_user: reads its own token transactions; chain_app (the indexer): everything;
--   chain_readonly: reads; chain_owner: reads (analytics matviews, definer functions).
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SELECT core.enable_backend_access('token.transactions');  -- RLS forced; chain_app DML, chain_readonly and chain_owner SELECT policies

GRANT SELECT ON token.transactions TO chain_user;
CREATE POLICY transactions_select_own ON token.transactions FOR SELECT TO chain_user
    USING (user_id = (SELECT core.current_user_id()));
COMMENT ON POLICY transactions_select_own ON token.transactions IS 'An end user reads only its own token transactions.';

