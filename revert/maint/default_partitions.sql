-- Revert chaindb:maint/default_partitions from pg

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

-- the DEFAULT partitions go, unless one holds rows (their months must get partitions first:
-- SELECT * FROM maint.ensure_partitions(...) before reverting)
DO $$
DECLARE
    v_default regclass;
    v_rows    boolean;
BEGIN
    FOR v_default IN
        SELECT pt.partdefid::regclass FROM pg_catalog.pg_partitioned_table AS pt
          JOIN pg_catalog.pg_class AS c ON c.oid = pt.partrelid
          JOIN pg_catalog.pg_namespace AS n ON n.oid = c.relnamespace
         WHERE pt.partdefid <> 0
           AND n.nspname NOT LIKE 'pg\_%' AND n.nspname NOT IN ('information_schema', 'public', 'tap', 'tests', 'sqitch')
    LOOP
        EXECUTE pg_catalog.format('SELECT EXISTS (SELECT 1 FROM %s)', v_default) INTO v_rows;
        IF v_rows THEN
            RAISE EXCEPTION 'maint/default_partitions: % holds rows; give their months partitions before reverting', v_default
                USING ERRCODE = 'object_not_in_prerequisite_state';
        END IF;
        EXECUTE pg_catalog.format('DROP TABLE %s', v_default);
    END LOOP;
END
$$;

SET LOCAL ROLE chain_owner;

DROP FUNCTION maint.ensure_partitions(regclass, int);
DROP FUNCTION maint.ensure_default_partition(regclass);

-- the previous maint.ensure_partitions (change maint/partitions deploys this same file)
\ir ../../functions/maint/partitions.sql

COMMIT;
