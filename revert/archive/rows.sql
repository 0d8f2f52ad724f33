-- Revert chaindb:archive/rows from pg

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

-- archived partitions are archive tables of their own: they go too (an archive is data of this change)
DO $$
DECLARE
    v_part regclass;
BEGIN
    FOR v_part IN SELECT p.partition FROM archive.partitions AS p
                   WHERE EXISTS (SELECT 1 FROM pg_catalog.pg_class AS c WHERE c.oid = p.partition) LOOP
        EXECUTE pg_catalog.format('DROP TABLE %s', v_part);
    END LOOP;
END
$$;
DROP TABLE archive.partitions;
DROP TABLE archive.rows;            -- its policies with it (rows_select_analytics calls the function below)
DROP FUNCTION archive.analytics_sources();
DROP FUNCTION archive.analytics_columns(regclass);

COMMIT;
