-- roles/payment/contracts.sql — privileges and RLS of payment.contracts.
--   chain_user: reads the contracts it is buyer or seller of; chain_app: everything;
--   chain_readonly: reads every contract.
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

-- chain_owner's read policy (owner read access: core.enable_backend_access creates the same
-- contracts_select_owner once issue 11's version does; created first here, the helper skips it)
CREATE POLICY contracts_select_owner ON payment.contracts FOR SELECT TO chain_owner USING (true);
COMMENT ON POLICY contracts_select_owner ON payment.contracts IS 'chain_owner (definer functions, triggers, matview refreshes) reads every row.';
SELECT core.enable_backend_access('payment.contracts');  -- RLS forced; chain_app DML and chain_readonly SELECT policies

GRANT SELECT ON payment.contracts TO chain_user;
CREATE POLICY contracts_select_party ON payment.contracts FOR SELECT TO chain_user
    USING (buyer_id = (SELECT core.current_user_id()) OR seller_id = (SELECT core.current_user_id()));
COMMENT ON POLICY contracts_select_party ON payment.contracts IS 'An end user reads the contracts it is buyer or seller of (contracts_buyer_id_idx, contracts_seller_id_idx).';

