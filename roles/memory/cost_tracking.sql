-- roles/memory/cost_tracking.sql — privileges and RLS of memory.cost_tracking.
--   chain_user: reads its own wallet's costs; chain_app: everything; chain_readonly: reads all.
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

-- RLS forced, PUBLIC nothing, chain_app DML and chain_readonly SELECT with their policies
SELECT core.enable_backend_access('memory.cost_tracking');
-- cost_tracking_select_owner (chain_owner reads every row): core.enable_backend_access creates it once issue 11's
-- helper does (COORD a838c8b); until then it is created here, under the same name, so the result is one
DO $owner$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_policy
                    WHERE polrelid = 'memory.cost_tracking'::pg_catalog.regclass AND polname = 'cost_tracking_select_owner') THEN
        CREATE POLICY cost_tracking_select_owner ON memory.cost_tracking FOR SELECT TO chain_owner USING (true);
        COMMENT ON POLICY cost_tracking_select_owner ON memory.cost_tracking IS 'SECURITY DEFINER code, triggers and maintenance run as chain_owner, which FORCE ROW LEVEL SECURITY binds too: the owner reads every row.';
    END IF;
END
$owner$;

GRANT SELECT ON memory.cost_tracking TO chain_user;
CREATE POLICY cost_tracking_select_own ON memory.cost_tracking FOR SELECT TO chain_user
    USING (wallet_address = (SELECT core.current_wallet()));
COMMENT ON POLICY cost_tracking_select_own ON memory.cost_tracking IS 'An end user reads the costs of its own wallet.';

