-- Deploy chaindb:core/users_owner_read to pg
-- requires: core/users

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SET LOCAL ROLE chain_owner;

-- core.users forces RLS on its owner too: SECURITY DEFINER functions owned by chain_owner
-- (trace.get_product_trace_chain shows stakeholder wallets) and materialized views (refreshed as
-- chain_owner: analytics.user_activity_summary) read users through users_select_owner.
-- TRANSITIONAL: the owner read policy belongs to core.enable_backend_access (issue 11; its
-- change for the tables deployed before it gives core.users the same users_select_owner). This
-- change only makes sure it exists: it creates the policy when nobody has, and its revert drops
-- only a policy it created (recognised by its comment). Drop this change once issue 11's lands.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_policy
                    WHERE polrelid = 'core.users'::regclass AND polname = 'users_select_owner') THEN
        CREATE POLICY users_select_owner ON core.users FOR SELECT TO chain_owner USING (true);
        COMMENT ON POLICY users_select_owner ON core.users IS
            'SECURITY DEFINER functions and materialized views owned by chain_owner read every user (no write). (core/users_owner_read)';
    END IF;
END
$$;

COMMIT;
