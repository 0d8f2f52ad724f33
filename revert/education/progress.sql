-- Revert chaindb:education/progress from pg

BEGIN;

-- policies, grants, indexes and triggers go with the table
DROP TABLE education.progress;
DROP FUNCTION education.check_module_unlock();
DROP TYPE education.progress_status;

COMMIT;
