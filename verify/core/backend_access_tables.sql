-- Verify chaindb:core/backend_access_tables on pg

BEGIN;
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

-- every table: a SELECT policy for chain_app and one for chain_readonly, RLS forced
SELECT 1 / (pg_catalog.count(*) = 18)::int
  FROM pg_catalog.pg_class AS c
 WHERE c.oid = ANY (ARRAY[
        'core.users', 'blockchain.assets', 'blockchain.transactions', 'blockchain.price_feeds',
        'blockchain.price_symbols', 'trading.orders', 'trading.escrows', 'trading.grids',
        'manufacturing.orders', 'manufacturing.milestones', 'manufacturing.quality_assurance',
        'governance.proposals', 'governance.votes', 'education.modules', 'education.module_prerequisites',
        'education.progress', 'education.practice_sessions', 'auth.sessions']::pg_catalog.regclass[])
   AND c.relrowsecurity AND c.relforcerowsecurity
   AND EXISTS (SELECT 1 FROM pg_catalog.pg_policy AS p WHERE p.polrelid = c.oid AND p.polname = c.relname || '_select_app')
   AND EXISTS (SELECT 1 FROM pg_catalog.pg_policy AS p WHERE p.polrelid = c.oid AND p.polname = c.relname || '_select_readonly');
SELECT 1 / (NOT pg_catalog.has_table_privilege('chain_app', 'governance.votes', 'UPDATE'))::int;
SELECT 1 / (NOT pg_catalog.has_column_privilege('chain_readonly', 'core.users', 'email', 'SELECT'))::int;

ROLLBACK;
