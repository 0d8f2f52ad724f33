-- Verify chaindb:archive/rows on pg

BEGIN;
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SELECT id, source, rule_id, record_pk, row_data, row_time, archived_at FROM archive.rows WHERE FALSE;
SELECT partition, source, rule_id, range_start, range_end, row_count, archived_at FROM archive.partitions WHERE FALSE;
SELECT 1 / pg_catalog.has_table_privilege('chain_auditor', 'archive.rows', 'SELECT')::int;
SELECT 1 / (NOT pg_catalog.has_table_privilege('chain_app', 'archive.rows', 'SELECT'))::int;
SELECT 'archive.analytics_columns(regclass)'::regprocedure, 'archive.analytics_sources()'::regprocedure;

-- archiving never widens who may read what (roles/archive/schema.sql):
-- archive.rows: RLS forced, chain_analytics limited to the sources it reads fully
SELECT 1 / (relrowsecurity AND relforcerowsecurity)::int FROM pg_catalog.pg_class WHERE oid = 'archive.rows'::regclass;
SELECT 1 / (pg_catalog.count(*) = 6)::int FROM pg_catalog.pg_policy
 WHERE polrelid = 'archive.rows'::regclass
   AND polname IN ('rows_select_auditor', 'rows_select_analytics', 'rows_select_owner', 'rows_insert_owner',
                   'rows_update_owner', 'rows_delete_owner');
SELECT 1 / (pg_catalog.pg_get_expr(polqual, polrelid) LIKE '%archive.analytics_sources()%'
            AND polroles = ARRAY['chain_analytics'::regrole]::oid[] AND polpermissive)::int
  FROM pg_catalog.pg_policy WHERE polrelid = 'archive.rows'::regclass AND polname = 'rows_select_analytics';
-- no other policy lets chain_analytics (or PUBLIC) read more
SELECT 1 / (NOT EXISTS (
    SELECT 1 FROM pg_catalog.pg_policy AS p
     WHERE p.polrelid = 'archive.rows'::regclass AND p.polname <> 'rows_select_analytics' AND p.polpermissive
       AND (0::oid = ANY (p.polroles)
            OR EXISTS (SELECT 1 FROM pg_catalog.unnest(p.polroles) AS g (role)
                        WHERE g.role <> 0::oid AND pg_catalog.pg_has_role('chain_analytics', g.role, 'MEMBER')))))::int;
-- every archived partition: chain_analytics reads no column it cannot read (every row of) on the
-- source table; a partition whose source is gone is not checked (nothing to compare with)
SELECT 1 / (NOT EXISTS (
    SELECT 1 FROM archive.partitions AS p
      JOIN pg_catalog.pg_attribute AS a ON a.attrelid = p.partition AND a.attnum > 0 AND NOT a.attisdropped
     WHERE pg_catalog.to_regclass(p.source) IS NOT NULL
       AND pg_catalog.has_column_privilege('chain_analytics', p.partition, a.attnum, 'SELECT')
       AND NOT a.attname = ANY (archive.analytics_columns(pg_catalog.to_regclass(p.source)))))::int;
-- and nobody but the owner, chain_auditor and chain_analytics holds a privilege on one
SELECT 1 / (NOT EXISTS (
    SELECT 1 FROM archive.partitions AS p JOIN pg_catalog.pg_class AS c ON c.oid = p.partition,
           pg_catalog.aclexplode(c.relacl || ARRAY(SELECT pg_catalog.unnest(a.attacl) FROM pg_catalog.pg_attribute AS a
                                                    WHERE a.attrelid = c.oid AND a.attacl IS NOT NULL)) AS x
     WHERE x.grantee NOT IN (c.relowner, 'chain_auditor'::regrole, 'chain_analytics'::regrole)))::int;

ROLLBACK;
