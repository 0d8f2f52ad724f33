-- Verify chaindb:education/practice_sessions on pg

BEGIN;
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SELECT id, user_id, trading_pair, strategy_params, initial_balance, final_balance, trades_count, profit_loss,
       metrics, portfolio, status, started_at, ended_at, created_at, updated_at
  FROM education.practice_sessions WHERE FALSE;
SELECT 'abandoned'::education.practice_status;
SELECT 1 / (relrowsecurity AND relforcerowsecurity)::int FROM pg_catalog.pg_class WHERE oid = 'education.practice_sessions'::regclass;
SELECT 1 / (pg_catalog.count(*) = 4)::int FROM pg_catalog.pg_policy WHERE polrelid = 'education.practice_sessions'::regclass
   AND polname !~ '_(app|readonly)$|_select_owner$';  -- the table's own policies (core/backend_access_tables adds the rest)

ROLLBACK;
