-- roles/memory/transfers.sql — privileges and RLS of memory.transfers (append-only).
--   chain_user: reads the transfers it sent or received; transfers through memory.transfer_asset();
--   chain_app: records and reads transfers (no UPDATE, DELETE); chain_readonly: reads all;
--   chain_owner: inserts and reads (memory.transfer_asset() runs as the owner).
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

-- RLS forced, PUBLIC nothing, chain_app DML and chain_readonly SELECT with their policies
-- (with <table>_select_owner: chain_owner reads every row, for the SECURITY DEFINER code and retention)
SELECT core.enable_backend_access('memory.transfers');

-- append-only for the backend: no UPDATE or DELETE (the trigger transfers_append_only backs it up)
REVOKE UPDATE, DELETE ON memory.transfers FROM chain_app;
DROP POLICY transfers_update_app ON memory.transfers;
DROP POLICY transfers_delete_app ON memory.transfers;
GRANT SELECT ON memory.transfers TO chain_user;
CREATE POLICY transfers_select_party ON memory.transfers FOR SELECT TO chain_user
    USING (from_address = (SELECT core.current_wallet()) OR to_address = (SELECT core.current_wallet()));
COMMENT ON POLICY transfers_select_party ON memory.transfers IS 'An end user sees the transfers it sent or received.';

CREATE POLICY transfers_insert_owner ON memory.transfers FOR INSERT TO chain_owner WITH CHECK (true);
COMMENT ON POLICY transfers_insert_owner ON memory.transfers IS 'memory.transfer_asset() (SECURITY DEFINER) records the transfer.';
