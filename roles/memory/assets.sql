-- roles/memory/assets.sql — privileges and RLS of memory.assets.
--   The seed's policy owner_access (FOR ALL USING owner_address = current_setting('app.current_user'))
--   becomes per-command policies on owner_address = (SELECT core.current_wallet()) (decision D-M1):
--   chain_user reads its own assets and edits their metadata (column grant); what a usable grant
--   shows a grantee is the policy assets_select_granted, created by memory/access_grants
--   (roles/memory/access_grants.sql);
--   chain_app (the seed's blockchain_service) indexes, burns and reads every asset;
--   chain_readonly reads every asset;
--   chain_owner reads and updates every asset: the SECURITY DEFINER triggers of memory.transfers,
--   memory.versions and memory.access_grants run as the owner, which FORCE ROW LEVEL SECURITY
--   binds to policies too.
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

-- RLS forced, PUBLIC nothing, chain_app DML and chain_readonly SELECT with their policies
-- (with <table>_select_owner: chain_owner reads every row, for the SECURITY DEFINER code and retention)
SELECT core.enable_backend_access('memory.assets');

GRANT SELECT ON memory.assets TO chain_user;
GRANT UPDATE (metadata) ON memory.assets TO chain_user;
CREATE POLICY assets_select_own ON memory.assets FOR SELECT TO chain_user
    USING (owner_address = (SELECT core.current_wallet()));
CREATE POLICY assets_update_own ON memory.assets FOR UPDATE TO chain_user
    USING (owner_address = (SELECT core.current_wallet()))
    WITH CHECK (owner_address = (SELECT core.current_wallet()));
COMMENT ON POLICY assets_select_own ON memory.assets IS 'The seed''s owner_access: an end user sees the assets its wallet owns (core.current_wallet()).';
COMMENT ON POLICY assets_update_own ON memory.assets IS 'The seed''s owner_access: an owner edits the metadata of its own assets (column grant; memory.assets_guard keeps the rest).';

CREATE POLICY assets_update_owner ON memory.assets FOR UPDATE TO chain_owner USING (true) WITH CHECK (true);
COMMENT ON POLICY assets_update_owner ON memory.assets IS 'The SECURITY DEFINER triggers of transfers and versions move ownership and advance versions.';
