-- roles/payment/escrow_transactions.sql — privileges and RLS of payment.escrow_transactions.
--   chain_user: reads the escrow transactions of contracts it is buyer or seller of (through the
--   contract; contracts_select_party applies inside the policy too); chain_app: everything;
--   chain_readonly: reads every row.
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SELECT core.enable_backend_access('payment.escrow_transactions');  -- RLS forced; chain_app DML, chain_readonly and chain_owner SELECT policies

GRANT SELECT ON payment.escrow_transactions TO chain_user;
CREATE POLICY escrow_transactions_select_party ON payment.escrow_transactions FOR SELECT TO chain_user
    USING (EXISTS (SELECT 1 FROM payment.contracts AS c
                    WHERE c.id = escrow_transactions.payment_contract_id
                      AND (c.buyer_id = (SELECT core.current_user_id()) OR c.seller_id = (SELECT core.current_user_id()))));
COMMENT ON POLICY escrow_transactions_select_party ON payment.escrow_transactions IS 'An end user reads the escrow transactions of contracts it is buyer or seller of (contracts_pkey serves the check).';

