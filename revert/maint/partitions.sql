-- Revert chaindb:maint/partitions from pg

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

DROP FUNCTION maint.drop_partitions_older_than(regclass, interval);
DROP FUNCTION maint.ensure_partitions(regclass, int);

COMMIT;
