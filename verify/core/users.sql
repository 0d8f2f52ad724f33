-- Verify chaindb:core/users on pg

BEGIN;
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SELECT id, wallet_address, email, tier, is_custodial, reputation_score, preferences,
       created_at, updated_at, last_login_at
  FROM core.users WHERE FALSE;
SELECT 1 / (relrowsecurity AND relforcerowsecurity)::int FROM pg_catalog.pg_class WHERE oid = 'core.users'::regclass;
SELECT 1 / (pg_catalog.count(*) = 2)::int FROM pg_catalog.pg_policy WHERE polrelid = 'core.users'::regclass
   AND polname !~ '_(app|readonly)$|_select_owner$';  -- the table's own policies (core/backend_access_tables adds the rest)
SELECT 1 / (NOT pg_catalog.has_column_privilege('chain_readonly', 'core.users', 'email', 'SELECT'))::int;

ROLLBACK;
