-- Revert chaindb:education/modules from pg

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

-- policies, grants, indexes and triggers go with the tables
DROP TABLE education.module_prerequisites;
DROP FUNCTION education.check_prerequisite_cycle();
DROP TABLE education.modules;
DROP TYPE education.module_difficulty;

COMMIT;
