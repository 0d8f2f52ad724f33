-- roles/trading/escrows.sql — privileges and RLS of trading.escrows.
--   chain_user: sees the escrows it is a party to; the buyer may release or dispute, the seller
--   may refund or dispute (the state machine trigger decides whether the transition is legal);
--   chain_app: everything; chain_readonly: reads every escrow.
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write
-- chain_app and chain_readonly: core.enable_backend_access(), called for this table by the change
-- core/backend_access_tables (docs/conventions.md); here only what differs.

ALTER TABLE trading.escrows ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;

GRANT SELECT ON trading.escrows TO chain_user;
GRANT UPDATE (status, dispute_reason) ON trading.escrows TO chain_user;
CREATE POLICY escrows_select_party ON trading.escrows FOR SELECT TO chain_user
    USING (buyer_id = (SELECT core.current_user_id()) OR seller_id = (SELECT core.current_user_id()));
CREATE POLICY escrows_update_party ON trading.escrows FOR UPDATE TO chain_user
    USING (buyer_id = (SELECT core.current_user_id()) OR seller_id = (SELECT core.current_user_id()))
    WITH CHECK ((buyer_id = (SELECT core.current_user_id()) AND status IN ('funded', 'released', 'disputed'))
             OR (seller_id = (SELECT core.current_user_id()) AND status IN ('funded', 'refunded', 'disputed')));
COMMENT ON POLICY escrows_select_party ON trading.escrows IS 'An end user reads the escrows it is buyer or seller of.';
-- 'funded' is listed so a party may edit dispute_reason without a transition; escrows_transition
-- rejects any move back to funded.
COMMENT ON POLICY escrows_update_party ON trading.escrows IS 'The buyer may release or dispute, the seller refund or dispute.';

