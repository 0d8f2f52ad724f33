-- Revert chaindb:education/progress from pg

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

-- policies, grants, indexes and triggers go with the table
DROP TABLE education.progress;
DROP FUNCTION education.check_module_unlock();
DROP TYPE education.progress_status;

COMMIT;
