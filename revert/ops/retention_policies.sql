-- Revert chaindb:ops/retention_policies from pg

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

-- policies, grants, triggers and the shipped rows go with the table
DROP TABLE ops.retention_policies;
DROP FUNCTION ops.validate_retention_policy();

COMMIT;
