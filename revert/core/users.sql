-- Revert chaindb:core/users from pg

BEGIN;

-- policies, grants, indexes and the trigger go with the table
DROP TABLE core.users;

COMMIT;
