-- roles/memory/access_grants.sql — privileges and RLS of memory.access_grants, and the policy
-- of memory.assets that shows a grantee what its grant gives it.
--   chain_user: sees the grants it gave or received (grantor_address or grantee_address =
--   core.current_wallet()); grants access to its own assets (grantor = itself; the trigger
--   access_grants_guard checks it owns the asset); revokes the grants it gave (revoked_at only).
--   No policy here reads memory.assets, so assets_select_granted (which reads access_grants)
--   cannot recurse.
--   chain_app: everything; chain_readonly: reads every grant.
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

-- RLS forced, PUBLIC nothing, chain_app DML and chain_readonly SELECT with their policies
-- (with <table>_select_owner: chain_owner reads every row, for the SECURITY DEFINER code and retention)
SELECT core.enable_backend_access('memory.access_grants');

GRANT SELECT ON memory.access_grants TO chain_user;
GRANT INSERT (asset_id, grantee_address, grantor_address, permissions, expires_at, max_access) ON memory.access_grants TO chain_user;
GRANT UPDATE (revoked_at) ON memory.access_grants TO chain_user;
CREATE POLICY access_grants_select_party ON memory.access_grants FOR SELECT TO chain_user
    USING (grantee_address = (SELECT core.current_wallet()) OR grantor_address = (SELECT core.current_wallet()));
CREATE POLICY access_grants_insert_grantor ON memory.access_grants FOR INSERT TO chain_user
    WITH CHECK (grantor_address = (SELECT core.current_wallet()));
CREATE POLICY access_grants_update_grantor ON memory.access_grants FOR UPDATE TO chain_user
    USING (grantor_address = (SELECT core.current_wallet()))
    WITH CHECK (grantor_address = (SELECT core.current_wallet()));
COMMENT ON POLICY access_grants_select_party ON memory.access_grants IS 'An end user sees the grants it gave or received (never reads memory.assets: no policy recursion).';
COMMENT ON POLICY access_grants_insert_grantor ON memory.access_grants IS 'An end user grants in its own name; access_grants_guard checks it owns the asset.';
COMMENT ON POLICY access_grants_update_grantor ON memory.access_grants IS 'A grantor revokes the grants it gave (revoked_at only; final).';

CREATE POLICY access_grants_update_owner ON memory.access_grants FOR UPDATE TO chain_owner USING (true) WITH CHECK (true);
COMMENT ON POLICY access_grants_update_owner ON memory.access_grants IS 'SECURITY DEFINER code counts uses (memory.consume_grant) and revokes the old owner''s grants on transfer.';

-- memory.assets: a grantee sees an asset while its grant is usable
CREATE POLICY assets_select_granted ON memory.assets FOR SELECT TO chain_user
    USING (EXISTS (SELECT 1 FROM memory.access_grants AS g
                    WHERE g.asset_id = assets.asset_id
                      AND g.grantee_address = (SELECT core.current_wallet())
                      AND g.revoked_at IS NULL
                      AND (g.expires_at IS NULL OR g.expires_at > pg_catalog.now())
                      AND (g.max_access IS NULL OR g.current_access < g.max_access)));
COMMENT ON POLICY assets_select_granted ON memory.assets IS 'A grantee sees an asset while its grant is usable: not revoked, not expired, not exhausted (reads memory.access_grants, whose policies do not read memory.assets: no recursion).';
