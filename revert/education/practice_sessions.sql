-- Revert chaindb:education/practice_sessions from pg

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

-- policies, grants, indexes and the trigger go with the table
DROP TABLE education.practice_sessions;
DROP TYPE education.practice_status;

COMMIT;
