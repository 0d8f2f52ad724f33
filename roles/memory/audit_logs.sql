-- roles/memory/audit_logs.sql — privileges and RLS of memory.audit_logs (append-only).
--   chain_user: reads the entries of its own wallet;
--   chain_app (the seed's blockchain_service): appends and reads (no UPDATE, DELETE);
--   chain_readonly: reads every entry without ip_address and user_agent (column grants);
--   chain_owner: appends (the SECURITY DEFINER transfer trigger), reads and deletes (retention:
--   archive, then delete rows older than 90 days).
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

-- RLS forced, PUBLIC nothing, chain_app DML and chain_readonly SELECT with their policies
-- (with <table>_select_owner: chain_owner reads every row, for the SECURITY DEFINER code and retention)
SELECT core.enable_backend_access('memory.audit_logs');

-- append-only for the backend: no UPDATE or DELETE (the trigger audit_logs_append_only backs it up)
REVOKE UPDATE, DELETE ON memory.audit_logs FROM chain_app;
DROP POLICY audit_logs_update_app ON memory.audit_logs;
DROP POLICY audit_logs_delete_app ON memory.audit_logs;
GRANT SELECT ON memory.audit_logs TO chain_user;
CREATE POLICY audit_logs_select_own ON memory.audit_logs FOR SELECT TO chain_user
    USING (wallet_address = (SELECT core.current_wallet()));
COMMENT ON POLICY audit_logs_select_own ON memory.audit_logs IS 'An end user reads the operations of its own wallet.';

-- personal data (ip_address, user_agent) hidden from reporting
REVOKE SELECT ON memory.audit_logs FROM chain_readonly;
GRANT SELECT (id, wallet_address, action, asset_id, transaction_signature, details, "timestamp") ON memory.audit_logs TO chain_readonly;

CREATE POLICY audit_logs_insert_owner ON memory.audit_logs FOR INSERT TO chain_owner WITH CHECK (true);
CREATE POLICY audit_logs_delete_owner ON memory.audit_logs FOR DELETE TO chain_owner USING (true);
COMMENT ON POLICY audit_logs_insert_owner ON memory.audit_logs IS 'SECURITY DEFINER code (the transfer trigger memory.apply_transfer) appends entries.';
COMMENT ON POLICY audit_logs_delete_owner ON memory.audit_logs IS 'Retention (maint, as chain_owner) removes archived rows.';
