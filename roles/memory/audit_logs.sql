-- roles/memory/audit_logs.sql — privileges and RLS of memory.audit_logs (append-only).
--   chain_user: reads the entries of its own wallet;
--   chain_app (the seed's blockchain_service): appends and reads (no UPDATE, DELETE);
--   chain_readonly: reads every entry without ip_address and user_agent (column grants);
--   chain_owner: appends (the SECURITY DEFINER transfer trigger), reads and deletes (retention:
--   archive, then delete rows older than 90 days).
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

ALTER TABLE memory.audit_logs ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;

REVOKE UPDATE, DELETE ON memory.audit_logs FROM chain_app;
GRANT SELECT ON memory.audit_logs TO chain_user;
CREATE POLICY audit_logs_select_own ON memory.audit_logs FOR SELECT TO chain_user
    USING (wallet_address = (SELECT core.current_wallet()));
COMMENT ON POLICY audit_logs_select_own ON memory.audit_logs IS 'An end user reads the operations of its own wallet.';

CREATE POLICY audit_logs_select_app ON memory.audit_logs FOR SELECT TO chain_app USING (true);
CREATE POLICY audit_logs_insert_app ON memory.audit_logs FOR INSERT TO chain_app WITH CHECK (true);
COMMENT ON POLICY audit_logs_select_app ON memory.audit_logs IS 'The backend reads every entry.';
COMMENT ON POLICY audit_logs_insert_app ON memory.audit_logs IS 'The backend appends entries (append-only: no UPDATE or DELETE privilege).';

GRANT SELECT (id, wallet_address, action, asset_id, transaction_signature, details, "timestamp") ON memory.audit_logs TO chain_readonly;
CREATE POLICY audit_logs_select_readonly ON memory.audit_logs FOR SELECT TO chain_readonly USING (true);
COMMENT ON POLICY audit_logs_select_readonly ON memory.audit_logs IS 'Read-only reporting sees every entry, without ip_address and user_agent (column privileges).';

CREATE POLICY audit_logs_select_owner ON memory.audit_logs FOR SELECT TO chain_owner USING (true);
CREATE POLICY audit_logs_insert_owner ON memory.audit_logs FOR INSERT TO chain_owner WITH CHECK (true);
CREATE POLICY audit_logs_delete_owner ON memory.audit_logs FOR DELETE TO chain_owner USING (true);
COMMENT ON POLICY audit_logs_select_owner ON memory.audit_logs IS 'Retention (maint, as chain_owner) reads rows to archive.';
COMMENT ON POLICY audit_logs_insert_owner ON memory.audit_logs IS 'SECURITY DEFINER code (the transfer trigger memory.apply_transfer) appends entries.';
COMMENT ON POLICY audit_logs_delete_owner ON memory.audit_logs IS 'Retention (maint, as chain_owner) removes archived rows.';
