-- blockchain.address_history(p_address, p_limit DEFAULT 50)
--   → SETOF blockchain.transactions
--   Every transaction sent or received by one wallet, newest first (ties by id), at most p_limit
--   (clamped to 1..1000). The input goes through core.normalize_wallet (raises 23514 when it is
--   no wallet). Two index range scans, transactions_from_address_created_at_idx and
--   transactions_to_address_created_at_idx, each stopped at p_limit, then merged: no scan of the
--   whole history. A self-transfer appears once. SECURITY INVOKER; callable by chain_app,
--   chain_user, chain_readonly.
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

CREATE FUNCTION blockchain.address_history(p_address text, p_limit int DEFAULT 50)
RETURNS SETOF blockchain.transactions
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
    WITH addr AS (
        SELECT core.normalize_wallet(p_address) AS wallet,
               LEAST(GREATEST(COALESCE(p_limit, 50), 1), 1000) AS n
    ), sent AS (
        SELECT t.* FROM addr, blockchain.transactions AS t
         WHERE t.from_address OPERATOR(pg_catalog.=) addr.wallet
         ORDER BY t.created_at DESC LIMIT (SELECT n FROM addr)
    ), received AS (
        SELECT t.* FROM addr, blockchain.transactions AS t
         WHERE t.to_address OPERATOR(pg_catalog.=) addr.wallet
           AND t.from_address OPERATOR(pg_catalog.<>) addr.wallet
         ORDER BY t.created_at DESC LIMIT (SELECT n FROM addr)
    )
    SELECT u.* FROM (SELECT * FROM sent UNION ALL SELECT * FROM received) AS u
     ORDER BY u.created_at DESC, u.id DESC
     LIMIT (SELECT n FROM addr)
$$;
COMMENT ON FUNCTION blockchain.address_history(text, int) IS
    'Transactions sent or received by a wallet, newest first, at most p_limit (1..1000); served by the (address, created_at DESC) indexes.';
REVOKE ALL ON FUNCTION blockchain.address_history(text, int) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION blockchain.address_history(text, int) TO chain_app, chain_user, chain_readonly;
