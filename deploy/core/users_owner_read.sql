-- Deploy chaindb:core/users_owner_read to pg
-- requires: core/users

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SET LOCAL ROLE chain_owner;

-- core.users forces RLS on its owner too: SECURITY DEFINER functions owned by chain_owner
-- (trace.get_product_trace_chain shows stakeholder wallets) and materialized views (refreshed as
-- chain_owner: analytics.user_activity_summary) read users through this policy. Read only.
CREATE POLICY users_select_owner ON core.users FOR SELECT TO chain_owner USING (true);
COMMENT ON POLICY users_select_owner ON core.users IS 'SECURITY DEFINER functions and materialized views owned by chain_owner read every user (no write).';

COMMIT;
