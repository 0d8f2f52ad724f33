-- Revert chaindb:memory/versions from pg

BEGIN;

-- policies, grants, indexes and triggers go with the table
DROP TABLE memory.versions;
DROP FUNCTION memory.apply_version();

COMMIT;
