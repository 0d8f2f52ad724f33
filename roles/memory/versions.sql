-- roles/memory/versions.sql — privileges and RLS of memory.versions (append-only).
--   chain_user: sees the versions of the assets it can see (own or granted: an EXISTS on
--   memory.assets, whose policies never read memory.versions); chain_app: records and reads
--   versions (no UPDATE, DELETE); chain_readonly: reads all.
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

ALTER TABLE memory.versions ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;

REVOKE UPDATE, DELETE ON memory.versions FROM chain_app;
GRANT SELECT ON memory.versions TO chain_user;
CREATE POLICY versions_select_visible ON memory.versions FOR SELECT TO chain_user
    USING (EXISTS (SELECT 1 FROM memory.assets AS a WHERE a.asset_id = versions.asset_id));
COMMENT ON POLICY versions_select_visible ON memory.versions IS 'An end user sees the versions of every asset it may see (memory.assets'' own policies decide).';

CREATE POLICY versions_select_app ON memory.versions FOR SELECT TO chain_app USING (true);
CREATE POLICY versions_insert_app ON memory.versions FOR INSERT TO chain_app WITH CHECK (true);
COMMENT ON POLICY versions_select_app ON memory.versions IS 'The backend reads every version.';
COMMENT ON POLICY versions_insert_app ON memory.versions IS 'The backend records new versions (the trigger checks number and owner).';

GRANT SELECT ON memory.versions TO chain_readonly;
CREATE POLICY versions_select_readonly ON memory.versions FOR SELECT TO chain_readonly USING (true);
COMMENT ON POLICY versions_select_readonly ON memory.versions IS 'Read-only reporting sees every version.';
