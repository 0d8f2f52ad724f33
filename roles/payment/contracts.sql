-- roles/payment/contracts.sql — privileges and RLS of payment.contracts.
--   chain_user: reads the contracts it is buyer or seller of; chain_app: everything;
--   chain_readonly: reads every contract.
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

ALTER TABLE payment.contracts ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;

GRANT SELECT ON payment.contracts TO chain_user;
CREATE POLICY contracts_select_party ON payment.contracts FOR SELECT TO chain_user
    USING (buyer_id = (SELECT core.current_user_id()) OR seller_id = (SELECT core.current_user_id()));
COMMENT ON POLICY contracts_select_party ON payment.contracts IS 'An end user reads the contracts it is buyer or seller of (contracts_buyer_id_idx, contracts_seller_id_idx).';

CREATE POLICY contracts_select_app ON payment.contracts FOR SELECT TO chain_app USING (true);
CREATE POLICY contracts_insert_app ON payment.contracts FOR INSERT TO chain_app WITH CHECK (true);
CREATE POLICY contracts_update_app ON payment.contracts FOR UPDATE TO chain_app USING (true) WITH CHECK (true);
CREATE POLICY contracts_delete_app ON payment.contracts FOR DELETE TO chain_app USING (true);
COMMENT ON POLICY contracts_select_app ON payment.contracts IS 'The backend reads every contract.';
COMMENT ON POLICY contracts_insert_app ON payment.contracts IS 'The backend records deployed contracts.';
COMMENT ON POLICY contracts_update_app ON payment.contracts IS 'The backend updates contract status from chain events.';
COMMENT ON POLICY contracts_delete_app ON payment.contracts IS 'The backend deletes contracts without escrow history (RESTRICT).';

CREATE POLICY contracts_select_readonly ON payment.contracts FOR SELECT TO chain_readonly USING (true);
COMMENT ON POLICY contracts_select_readonly ON payment.contracts IS 'Read-only reporting sees every contract.';
