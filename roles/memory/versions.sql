-- roles/memory/versions.sql — privileges and RLS of memory.versions (append-only).
--   chain_user: sees the versions of the assets it can see (own or granted: an EXISTS on
--   memory.assets, whose policies never read memory.versions); chain_app: records and reads
--   versions (no UPDATE, DELETE); chain_readonly: reads all.
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

-- RLS forced, PUBLIC nothing, chain_app DML and chain_readonly SELECT with their policies
SELECT core.enable_backend_access('memory.versions');
-- versions_select_owner (chain_owner reads every row): core.enable_backend_access creates it once issue 11's
-- helper does (COORD a838c8b); until then it is created here, under the same name, so the result is one
DO $owner$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_policy
                    WHERE polrelid = 'memory.versions'::pg_catalog.regclass AND polname = 'versions_select_owner') THEN
        CREATE POLICY versions_select_owner ON memory.versions FOR SELECT TO chain_owner USING (true);
        COMMENT ON POLICY versions_select_owner ON memory.versions IS 'SECURITY DEFINER code, triggers and maintenance run as chain_owner, which FORCE ROW LEVEL SECURITY binds too: the owner reads every row.';
    END IF;
END
$owner$;

-- append-only for the backend: no UPDATE or DELETE (the trigger versions_append_only backs it up)
REVOKE UPDATE, DELETE ON memory.versions FROM chain_app;
DROP POLICY versions_update_app ON memory.versions;
DROP POLICY versions_delete_app ON memory.versions;
GRANT SELECT ON memory.versions TO chain_user;
CREATE POLICY versions_select_visible ON memory.versions FOR SELECT TO chain_user
    USING (EXISTS (SELECT 1 FROM memory.assets AS a WHERE a.asset_id = versions.asset_id));
COMMENT ON POLICY versions_select_visible ON memory.versions IS 'An end user sees the versions of every asset it may see (memory.assets'' own policies decide).';

