-- roles/memory/transfers.sql — privileges and RLS of memory.transfers (append-only).
--   chain_user: reads the transfers it sent or received; transfers through memory.transfer_asset();
--   chain_app: records and reads transfers (no UPDATE, DELETE); chain_readonly: reads all;
--   chain_owner: inserts and reads (memory.transfer_asset() runs as the owner).
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

ALTER TABLE memory.transfers ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;

REVOKE UPDATE, DELETE ON memory.transfers FROM chain_app;
GRANT SELECT ON memory.transfers TO chain_user;
CREATE POLICY transfers_select_party ON memory.transfers FOR SELECT TO chain_user
    USING (from_address = (SELECT core.current_wallet()) OR to_address = (SELECT core.current_wallet()));
COMMENT ON POLICY transfers_select_party ON memory.transfers IS 'An end user sees the transfers it sent or received.';

CREATE POLICY transfers_select_app ON memory.transfers FOR SELECT TO chain_app USING (true);
CREATE POLICY transfers_insert_app ON memory.transfers FOR INSERT TO chain_app WITH CHECK (true);
COMMENT ON POLICY transfers_select_app ON memory.transfers IS 'The backend reads every transfer.';
COMMENT ON POLICY transfers_insert_app ON memory.transfers IS 'The backend records transfers seen on chain (the trigger checks the sender owns the asset).';

GRANT SELECT ON memory.transfers TO chain_readonly;
CREATE POLICY transfers_select_readonly ON memory.transfers FOR SELECT TO chain_readonly USING (true);
COMMENT ON POLICY transfers_select_readonly ON memory.transfers IS 'Read-only reporting sees every transfer.';

CREATE POLICY transfers_select_owner ON memory.transfers FOR SELECT TO chain_owner USING (true);
CREATE POLICY transfers_insert_owner ON memory.transfers FOR INSERT TO chain_owner WITH CHECK (true);
COMMENT ON POLICY transfers_select_owner ON memory.transfers IS 'memory.transfer_asset() (SECURITY DEFINER) reads back the row it inserted.';
COMMENT ON POLICY transfers_insert_owner ON memory.transfers IS 'memory.transfer_asset() (SECURITY DEFINER) records the transfer.';
