-- Verify chaindb:education/progress on pg

BEGIN;
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SELECT id, user_id, module_id, status, quiz_score, attempts, started_at, completed_at, created_at, updated_at
  FROM education.progress WHERE FALSE;
SELECT 'education.check_module_unlock()'::regprocedure;
SELECT 'in_progress'::education.progress_status;
SELECT 1 / (relrowsecurity AND relforcerowsecurity)::int FROM pg_catalog.pg_class WHERE oid = 'education.progress'::regclass;
SELECT 1 / (pg_catalog.count(*) = 3)::int FROM pg_catalog.pg_policy WHERE polrelid = 'education.progress'::regclass
   AND polname !~ '_(app|readonly)$|_select_owner$';  -- the table's own policies (core/backend_access_tables adds the rest)
SELECT 1 / pg_catalog.count(*)::int FROM pg_catalog.pg_trigger
 WHERE tgrelid = 'education.progress'::regclass AND tgname = 'progress_check_unlock';

ROLLBACK;
