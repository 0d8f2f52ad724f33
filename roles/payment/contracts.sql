-- roles/payment/contracts.sql — privileges and RLS of payment.contracts.
--   chain_user: reads the contracts it is buyer or seller of; chain_app: everything;
--   chain_readonly: reads every contract.
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SELECT core.enable_backend_access('payment.contracts');  -- RLS forced; chain_app DML, chain_readonly and chain_owner SELECT policies

GRANT SELECT ON payment.contracts TO chain_user;
CREATE POLICY contracts_select_party ON payment.contracts FOR SELECT TO chain_user
    USING (buyer_id = (SELECT core.current_user_id()) OR seller_id = (SELECT core.current_user_id()));
COMMENT ON POLICY contracts_select_party ON payment.contracts IS 'An end user reads the contracts it is buyer or seller of (contracts_buyer_id_idx, contracts_seller_id_idx).';

