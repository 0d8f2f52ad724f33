-- Revert chaindb:education/practice_sessions from pg

BEGIN;

-- policies, grants, indexes and the trigger go with the table
DROP TABLE education.practice_sessions;
DROP TYPE education.practice_status;

COMMIT;
