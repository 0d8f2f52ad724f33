-- Revert chaindb:audit/logs from pg

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

-- the partitions go with the partitioned table
DROP TABLE audit.logs;
DROP TYPE audit.operation;

COMMIT;
