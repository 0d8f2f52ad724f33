-- roles/payment/escrow_transactions.sql — privileges and RLS of payment.escrow_transactions.
--   chain_user: reads the escrow transactions of contracts it is buyer or seller of (through the
--   contract; contracts_select_party applies inside the policy too); chain_app: everything;
--   chain_readonly: reads every row.
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

ALTER TABLE payment.escrow_transactions ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;

GRANT SELECT ON payment.escrow_transactions TO chain_user;
CREATE POLICY escrow_transactions_select_party ON payment.escrow_transactions FOR SELECT TO chain_user
    USING (EXISTS (SELECT 1 FROM payment.contracts AS c
                    WHERE c.id = escrow_transactions.payment_contract_id
                      AND (c.buyer_id = (SELECT core.current_user_id()) OR c.seller_id = (SELECT core.current_user_id()))));
COMMENT ON POLICY escrow_transactions_select_party ON payment.escrow_transactions IS 'An end user reads the escrow transactions of contracts it is buyer or seller of (contracts_pkey serves the check).';

CREATE POLICY escrow_transactions_select_app ON payment.escrow_transactions FOR SELECT TO chain_app USING (true);
CREATE POLICY escrow_transactions_insert_app ON payment.escrow_transactions FOR INSERT TO chain_app WITH CHECK (true);
CREATE POLICY escrow_transactions_update_app ON payment.escrow_transactions FOR UPDATE TO chain_app USING (true) WITH CHECK (true);
CREATE POLICY escrow_transactions_delete_app ON payment.escrow_transactions FOR DELETE TO chain_app USING (true);
COMMENT ON POLICY escrow_transactions_select_app ON payment.escrow_transactions IS 'The backend reads every escrow transaction.';
COMMENT ON POLICY escrow_transactions_insert_app ON payment.escrow_transactions IS 'The backend records escrow deposits (within the contract amount).';
COMMENT ON POLICY escrow_transactions_update_app ON payment.escrow_transactions IS 'The backend confirms and releases escrow transactions.';
COMMENT ON POLICY escrow_transactions_delete_app ON payment.escrow_transactions IS 'The backend deletes escrow transactions recorded in error.';

CREATE POLICY escrow_transactions_select_readonly ON payment.escrow_transactions FOR SELECT TO chain_readonly USING (true);
COMMENT ON POLICY escrow_transactions_select_readonly ON payment.escrow_transactions IS 'Read-only reporting sees every escrow transaction.';
