-- Revert chaindb:core/backend_access_tables from pg
-- Drops the chain_app, chain_readonly and owner-read policies the helper gave the tables (their grants are the
-- schemas' default privileges, which the tables had before; votes keeps UPDATE/DELETE revoked).

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SET LOCAL ROLE chain_owner;

DO $$
DECLARE
    v_t   regclass;
    v_pol name;
BEGIN
    FOREACH v_t IN ARRAY ARRAY[
        'core.users', 'blockchain.assets', 'blockchain.transactions', 'blockchain.price_feeds',
        'blockchain.price_symbols', 'trading.orders', 'trading.escrows', 'trading.grids',
        'manufacturing.orders', 'manufacturing.milestones', 'manufacturing.quality_assurance',
        'governance.proposals', 'governance.votes', 'education.modules', 'education.module_prerequisites',
        'education.progress', 'education.practice_sessions', 'auth.sessions']::pg_catalog.regclass[]
    LOOP
        FOR v_pol IN
            SELECT p.polname FROM pg_catalog.pg_policy AS p
             WHERE p.polrelid = v_t
               AND (p.polname ~ '_(select|insert|update|delete)_app$|_select_readonly$'
                    OR (p.polname ~ '_select_owner$'   -- the helper's, not a table's own (its comment says)
                        AND pg_catalog.obj_description(p.oid, 'pg_policy') LIKE '%(core.enable\_backend\_access)'))
        LOOP
            EXECUTE pg_catalog.format('DROP POLICY %I ON %s', v_pol, v_t);
        END LOOP;
    END LOOP;
END
$$;

COMMIT;
