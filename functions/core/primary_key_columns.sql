-- core.primary_key_columns(p_table regclass) → text[]
--   The primary-key column names of a table, in key order; NULL when it has none.
--   The enable_* functions (core.enable_notify, audit.enable_tracking) call it once and pass the
--   names to their row triggers as arguments, so no trigger looks the key up per row.
--   Owner-only helper (PUBLIC cannot execute it).
CREATE FUNCTION core.primary_key_columns(p_table regclass)
RETURNS text[]
LANGUAGE sql STABLE STRICT
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT pg_catalog.array_agg(a.attname::text ORDER BY k.ord)
      FROM pg_catalog.pg_index AS i
     CROSS JOIN LATERAL pg_catalog.unnest(i.indkey::int2[]) WITH ORDINALITY AS k (attnum, ord)
      JOIN pg_catalog.pg_attribute AS a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
     WHERE i.indrelid = p_table AND i.indisprimary
$$;
COMMENT ON FUNCTION core.primary_key_columns(regclass) IS
    'Primary-key column names of a table in key order, NULL without a primary key; used once at enable time by enable_notify/enable_tracking.';
REVOKE ALL ON FUNCTION core.primary_key_columns(regclass) FROM PUBLIC;
