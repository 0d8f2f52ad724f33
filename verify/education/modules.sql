-- Verify chaindb:education/modules on pg

BEGIN;
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SELECT id, slug, title, description, content, quiz, position, difficulty, min_quiz_score, is_required,
       estimated_minutes, is_published, created_at, updated_at
  FROM education.modules WHERE FALSE;
SELECT module_id, prerequisite_id, created_at FROM education.module_prerequisites WHERE FALSE;
SELECT 'education.check_prerequisite_cycle()'::regprocedure;
SELECT 'beginner'::education.module_difficulty;
SELECT 1 / (relrowsecurity AND relforcerowsecurity)::int FROM pg_catalog.pg_class
 WHERE oid IN ('education.modules'::regclass, 'education.module_prerequisites'::regclass);
SELECT 1 / (pg_catalog.count(*) = 1)::int FROM pg_catalog.pg_policy WHERE polrelid = 'education.modules'::regclass
   AND polname !~ '_(app|readonly)$|_select_owner$';  -- the table's own policies (core/backend_access_tables adds the rest)
SELECT 1 / (pg_catalog.count(*) = 1)::int FROM pg_catalog.pg_policy WHERE polrelid = 'education.module_prerequisites'::regclass
   AND polname !~ '_(app|readonly)$|_select_owner$';  -- the table's own policies (core/backend_access_tables adds the rest)

ROLLBACK;
