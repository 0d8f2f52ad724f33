-- Archiving never widens who may read what (roles/archive/schema.sql). chain_auditor reads the whole
-- archive; chain_analytics reads archived data only as far as it reads the source table today:
--
-- archive.analytics_columns(p_table regclass) → name[]
--   The columns of p_table of which chain_analytics may read every row: the columns it may SELECT
--   (a table grant, a column grant, either through a role it is a member of), in column order — and
--   none at all when row-level security may hide a row of p_table from it (RLS enabled, no
--   BYPASSRLS, and either no permissive SELECT policy for it USING (true) or a restrictive one with
--   another condition: a detached partition or a JSON copy cannot carry the source's row filter, so
--   chain_analytics gets nothing rather than more). NULL for a NULL table (a source that was dropped).
--   maint.retire_partition grants chain_analytics exactly these columns of an archived partition.
--
-- archive.analytics_sources() → text[]
--   The tables (schema-qualified, as maint.cleanup_old_data writes archive.rows.source:
--   regclass::text under search_path pg_catalog) of which chain_analytics reads every column and
--   every row: the sources whose archived rows (whole rows as JSON) it may read. A source that names
--   no table any more (dropped, renamed) is not among them: its privileges are unknown, its rows
--   stay hidden. The policy archive.rows.rows_select_analytics calls it as an InitPlan,
--   source = ANY ((SELECT archive.analytics_sources())): evaluated once per query, index-served.
--
-- Both are SECURITY INVOKER and read the catalogs only (public catalogs: chain_analytics runs the
-- policy's call itself, hence its EXECUTE). They name chain_analytics explicitly (not current_user),
-- so whoever calls them gets the same answer: maint (a superuser), verify scripts, the policy.
CREATE FUNCTION archive.analytics_columns(p_table regclass)
RETURNS name[]
LANGUAGE sql STABLE STRICT
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT COALESCE(pg_catalog.array_agg(a.attname ORDER BY a.attnum), '{}')
      FROM pg_catalog.pg_class AS c
      JOIN pg_catalog.pg_roles AS r ON r.rolname = 'chain_analytics'
      JOIN pg_catalog.pg_attribute AS a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
     WHERE c.oid = p_table
       AND pg_catalog.has_column_privilege(r.oid, c.oid, a.attnum, 'SELECT')
       -- every row: no RLS, or RLS that lets chain_analytics (or PUBLIC) read all of them
       AND (NOT c.relrowsecurity OR r.rolbypassrls
            OR (EXISTS (SELECT 1 FROM pg_catalog.pg_policy AS p
                         WHERE p.polrelid = c.oid AND p.polpermissive AND p.polcmd IN ('r', '*')
                           AND pg_catalog.pg_get_expr(p.polqual, p.polrelid) = 'true'
                           AND (0::oid = ANY (p.polroles)
                                OR EXISTS (SELECT 1 FROM pg_catalog.unnest(p.polroles) AS g (role)
                                            WHERE g.role <> 0::oid AND pg_catalog.pg_has_role(r.oid, g.role, 'MEMBER'))))
                AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_policy AS p
                                 WHERE p.polrelid = c.oid AND NOT p.polpermissive AND p.polcmd IN ('r', '*')
                                   AND pg_catalog.pg_get_expr(p.polqual, p.polrelid) IS DISTINCT FROM 'true'
                                   AND (0::oid = ANY (p.polroles)
                                        OR EXISTS (SELECT 1 FROM pg_catalog.unnest(p.polroles) AS g (role)
                                                    WHERE g.role <> 0::oid AND pg_catalog.pg_has_role(r.oid, g.role, 'MEMBER'))))))
$$;
COMMENT ON FUNCTION archive.analytics_columns(regclass) IS
    'The columns of a table of which chain_analytics may read every row (its column privileges; none when row-level security may hide rows from it): what an archived partition of that table grants chain_analytics.';
REVOKE ALL ON FUNCTION archive.analytics_columns(regclass) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION archive.analytics_columns(regclass) TO chain_analytics;

CREATE FUNCTION archive.analytics_sources()
RETURNS text[]
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT COALESCE(pg_catalog.array_agg(c.oid::regclass::text ORDER BY c.oid), '{}')
      FROM pg_catalog.pg_class AS c
     WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND c.relpersistence <> 't'
       AND c.relnamespace <> ALL (ARRAY['pg_catalog'::regnamespace, 'information_schema'::regnamespace, 'pg_toast'::regnamespace]::oid[])
       -- cheap filter first: most tables give chain_analytics no column at all
       AND pg_catalog.has_any_column_privilege('chain_analytics', c.oid, 'SELECT')
       AND pg_catalog.cardinality(archive.analytics_columns(c.oid))
           = (SELECT pg_catalog.count(*) FROM pg_catalog.pg_attribute AS a
               WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped)
$$;
COMMENT ON FUNCTION archive.analytics_sources() IS
    'The tables of which chain_analytics reads every column and every row, as archive.rows.source names them: the sources of the archived rows it may read (policy rows_select_analytics).';
REVOKE ALL ON FUNCTION archive.analytics_sources() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION archive.analytics_sources() TO chain_analytics;
