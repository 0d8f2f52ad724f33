-- Deploy chaindb:maint/default_partitions to pg
-- requires: maint/partitions

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SET LOCAL ROLE chain_owner;

-- ensure_partitions gains the DEFAULT partition and moving rows out of it (a new result column,
-- rows_moved: the function is replaced, not altered)
-- squawk-ignore ban-drop-function -- replaced in this transaction (CREATE OR REPLACE cannot add a result column); callers see the new one at COMMIT
DROP FUNCTION maint.ensure_partitions(regclass, int);
\ir ../../functions/maint/default_partitions.sql

-- every partitioned table of ours gets its DEFAULT partition now (catalog-driven: whatever the
-- plan has created so far); later ones get it from their first maint.ensure_partitions call
DO $$
DECLARE
    v_parent regclass;
BEGIN
    FOR v_parent IN
        SELECT c.oid::regclass FROM pg_catalog.pg_partitioned_table AS pt
          JOIN pg_catalog.pg_class AS c ON c.oid = pt.partrelid
          JOIN pg_catalog.pg_namespace AS n ON n.oid = c.relnamespace
         WHERE n.nspname NOT LIKE 'pg\_%' AND n.nspname NOT IN ('information_schema', 'public', 'tap', 'tests', 'sqitch')
           AND NOT c.relispartition
         ORDER BY 1
    LOOP
        PERFORM maint.ensure_default_partition(v_parent);
    END LOOP;
END
$$;

COMMIT;
