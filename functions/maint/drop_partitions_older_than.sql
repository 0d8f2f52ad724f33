-- maint.drop_partitions_older_than(p_parent regclass, p_older_than interval)
--   → TABLE (partition_name text, range_end timestamptz, action text)
--   Detaches then drops every partition whose upper bound is at or before now() - p_older_than;
--   action is 'dropped', or 'skipped: lock not available' when the lock did not come within
--   lock_timeout (that partition is left as it was; the next run retries). The default
--   partition is never touched.
--   SECURITY DEFINER owned by chain_owner, lock_timeout 5s, TimeZone UTC, search_path pinned.
--   Schema maint is owner-only; PUBLIC cannot execute it.

CREATE FUNCTION maint.drop_partitions_older_than(p_parent regclass, p_older_than interval)
RETURNS TABLE (partition_name text, range_end timestamptz, action text)
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
SET lock_timeout = '5s'
SET TimeZone = 'UTC'
AS $$
DECLARE
    v_part record;
BEGIN
    IF p_older_than IS NULL OR p_older_than < interval '0' THEN
        RAISE EXCEPTION 'maint.drop_partitions_older_than: p_older_than must be a positive interval, not %', p_older_than
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    FOR v_part IN
        SELECT b.child, b.upper
          FROM (SELECT i.inhrelid::regclass AS child,
                       pg_catalog.substring(pg_catalog.pg_get_expr(c.relpartbound, c.oid),
                                            'TO \(''([^'']+)''\)')::timestamptz AS upper
                  FROM pg_catalog.pg_inherits AS i
                  JOIN pg_catalog.pg_class AS c ON c.oid = i.inhrelid
                 WHERE i.inhparent = p_parent) AS b
         WHERE b.upper <= pg_catalog.now() - p_older_than   -- NULL (DEFAULT, MAXVALUE) never matches
         ORDER BY b.upper
    LOOP
        partition_name := v_part.child::text;
        range_end := v_part.upper;
        BEGIN
            EXECUTE pg_catalog.format('ALTER TABLE %s DETACH PARTITION %s', p_parent, v_part.child);
            EXECUTE pg_catalog.format('DROP TABLE %s', v_part.child);
            action := 'dropped';
        EXCEPTION WHEN lock_not_available THEN
            action := 'skipped: lock not available';
        END;
        RETURN NEXT;
    END LOOP;
END
$$;
COMMENT ON FUNCTION maint.drop_partitions_older_than(regclass, interval) IS
    'Retention: detaches and drops partitions ending at or before now() - p_older_than; reports each, skipping (not failing) one whose lock is not available within 5s.';
REVOKE ALL ON FUNCTION maint.drop_partitions_older_than(regclass, interval) FROM PUBLIC;
