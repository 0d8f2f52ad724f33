-- roles/memory/versions.sql — privileges and RLS of memory.versions (append-only).
--   chain_user: sees the versions of the assets it can see (own or granted: an EXISTS on
--   memory.assets, whose policies never read memory.versions); chain_app: records and reads
--   versions (no UPDATE, DELETE); chain_readonly: reads all.
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

-- RLS forced, PUBLIC nothing, chain_app DML and chain_readonly SELECT with their policies
-- (with <table>_select_owner: chain_owner reads every row, for the SECURITY DEFINER code and retention)
SELECT core.enable_backend_access('memory.versions');

-- append-only for the backend: no UPDATE or DELETE (the trigger versions_append_only backs it up)
REVOKE UPDATE, DELETE ON memory.versions FROM chain_app;
DROP POLICY versions_update_app ON memory.versions;
DROP POLICY versions_delete_app ON memory.versions;
GRANT SELECT ON memory.versions TO chain_user;
CREATE POLICY versions_select_visible ON memory.versions FOR SELECT TO chain_user
    USING (EXISTS (SELECT 1 FROM memory.assets AS a WHERE a.asset_id = versions.asset_id));
COMMENT ON POLICY versions_select_visible ON memory.versions IS 'An end user sees the versions of every asset it may see (memory.assets'' own policies decide).';

