-- Verify chaindb:education/user_summary on pg

BEGIN;
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SELECT user_id, required_modules, required_passed, modules_started, modules_completed, average_score,
       total_attempts, last_completed_at, ready_for_trading
  FROM education.user_summary WHERE FALSE;
SELECT 1 / pg_catalog.count(*)::int FROM pg_catalog.pg_class
 WHERE oid = 'education.user_summary'::regclass AND 'security_invoker=true' = ANY (reloptions);

ROLLBACK;
