-- Retention: maint.cleanup_old_data(dry_run) applies every enabled rule of ops.retention_policies.
--
-- CALL maint.cleanup_old_data(dry_run => false) → INOUT report jsonb
--   A PROCEDURE, so that it commits as it goes: one transaction per partition and per batch of rows.
--   For each enabled rule (cutoff = now() - keep_hot, now() taken once when the call starts):
--     1. partitions: for a partitioned table without row_filter, every partition whose whole range
--        lies before the cutoff is detached and then dropped (delete) or moved to schema archive
--        (archive; registered in archive.partitions), each under lock_timeout 5s: a partition whose
--        lock does not come in time is left attached and reported "skipped: lock not available"
--        (the rule's status is then partial; the next run retries). Never waits on traffic longer.
--     2. rows: rows still older than the cutoff (and matching row_filter) — in a table that is not
--        partitioned, in the partition that straddles the cutoff, in the DEFAULT partition — are
--        deleted, or for archive rules moved to archive.rows as JSON with their source and primary
--        key, batch_size rows per transaction. The archive INSERT takes its rows from the DELETE's
--        RETURNING in the same statement, so a row is either still in its table or in the archive,
--        never both nor neither, whenever the run stops (a crash rolls back only the open batch).
--     3. archive expiry (archive rules with keep_archived): archived partitions whose range ended
--        before now() - keep_hot - keep_archived are dropped, and archived rows that old deleted.
--   The rule's last_run_at, last_status (ok, dry_run, partial, failed) and last_result are updated.
--   dry_run => true changes nothing but those three columns: it reports what a run would do.
--   report: one JSON object per rule, as stored in last_result, plus its table and rule name.
--
-- One run at a time: a second concurrent call returns at once with the single report element
-- {"status": "skipped: another maint.cleanup_old_data is running"}.
-- Must be CALLed outside an explicit transaction block (it commits), by a superuser (pg_cron, the
-- deployer): the rules read and delete every row, and FORCE ROW LEVEL SECURITY would hide rows from
-- chain_owner — a role that row-level security binds on the rule's table gets the rule failed with
-- that error, not a silent partial cleanup. Not SECURITY DEFINER: PostgreSQL forbids COMMIT in a
-- SECURITY DEFINER or SET-clause procedure; every name inside is schema-qualified instead.
--
-- The helpers below do one transaction's worth of work each and catch their own errors (a
-- procedure block with an EXCEPTION clause cannot COMMIT).

-- maint.retention_partitions(p_rule_id) → TABLE (partition regclass, range_start, range_end)
--   The partitions a rule retires whole: every range partition of its (partitioned, unfiltered)
--   table whose upper bound is at or before now() - keep_hot. None for other rules.
CREATE FUNCTION maint.retention_partitions(p_rule_id bigint, p_now timestamptz)
RETURNS TABLE (partition regclass, range_start timestamptz, range_end timestamptz)
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT b.child, b.lower, b.upper
      FROM ops.retention_policies AS r
      JOIN pg_catalog.pg_partitioned_table AS pt ON pt.partrelid = r.table_name
      JOIN pg_catalog.pg_attribute AS a ON a.attrelid = pt.partrelid AND a.attnum = pt.partattrs[0] AND a.attname = r.time_column
     CROSS JOIN LATERAL (
        SELECT i.inhrelid::regclass AS child,
               pg_catalog.substring(pg_catalog.pg_get_expr(c.relpartbound, c.oid), 'FROM \(''([^'']+)''\)')::timestamptz AS lower,
               pg_catalog.substring(pg_catalog.pg_get_expr(c.relpartbound, c.oid), 'TO \(''([^'']+)''\)')::timestamptz AS upper
          FROM pg_catalog.pg_inherits AS i JOIN pg_catalog.pg_class AS c ON c.oid = i.inhrelid
         WHERE i.inhparent = r.table_name) AS b
     WHERE r.id = p_rule_id AND r.row_filter IS NULL AND pt.partstrat = 'r' AND pt.partnatts = 1
       AND b.upper <= p_now - r.keep_hot          -- NULL (DEFAULT, MAXVALUE) never matches
     ORDER BY b.upper
$$;
COMMENT ON FUNCTION maint.retention_partitions(bigint, timestamptz) IS
    'The partitions a retention rule retires whole: range partitions of its unfiltered partitioned table ending at or before p_now - keep_hot.';
REVOKE ALL ON FUNCTION maint.retention_partitions(bigint, timestamptz) FROM PUBLIC;

-- maint.retire_partition(p_rule_id, p_partition, p_range_start, p_range_end) → text
--   Detaches one partition and drops it (delete rule) or moves it to schema archive (archive rule:
--   its privileges reset to the archive schema's contract, registered in archive.partitions).
--   The contract (roles/archive/schema.sql): archiving never widens who may read what. Every grant
--   the partition had is revoked (table and column ACLs: it was created under its source schema's
--   defaults); chain_auditor gets SELECT; chain_analytics gets the columns of the source table it
--   may read every row of (archive.analytics_columns(): all → a table grant, some → those columns,
--   none → nothing).
--   Returns 'dropped', 'archived', 'skipped: lock not available' or 'failed: <error>'.
CREATE FUNCTION maint.retire_partition(p_rule_id bigint, p_partition regclass, p_range_start timestamptz, p_range_end timestamptz)
RETURNS text
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
SET lock_timeout = '5s'
AS $$
DECLARE
    v_rule   ops.retention_policies;
    v_name   name;
    v_rows   bigint;
    v_grant  record;
    v_cols   name[];
    v_all    boolean;
BEGIN
    SELECT * INTO STRICT v_rule FROM ops.retention_policies WHERE id = p_rule_id;
    SELECT c.relname INTO STRICT v_name FROM pg_catalog.pg_class AS c WHERE c.oid = p_partition;
    BEGIN
        EXECUTE pg_catalog.format('ALTER TABLE %s DETACH PARTITION %s', v_rule.table_name, p_partition);
        IF v_rule.action = 'delete' THEN
            EXECUTE pg_catalog.format('DROP TABLE %s', p_partition);
            RETURN 'dropped';
        END IF;
        IF pg_catalog.to_regclass(pg_catalog.format('archive.%I', v_name)) IS NOT NULL THEN
            RAISE EXCEPTION 'archive.% exists already', v_name;
        END IF;
        EXECUTE pg_catalog.format('ALTER TABLE %s SET SCHEMA archive', p_partition);
        -- the archive schema's contract: owner only, then SELECT for chain_auditor, and for
        -- chain_analytics no more than it reads on the source (REVOKE ALL ON TABLE takes the
        -- column privileges too; a grantee holding column privileges only is listed from attacl)
        FOR v_grant IN
            SELECT DISTINCT CASE WHEN x.grantee = 0 THEN 'PUBLIC' ELSE pg_catalog.quote_ident(x.grantee::regrole::text) END AS who
              FROM pg_catalog.pg_class AS c,
                   pg_catalog.aclexplode(c.relacl || ARRAY(SELECT pg_catalog.unnest(a.attacl) FROM pg_catalog.pg_attribute AS a
                                                            WHERE a.attrelid = c.oid AND a.attacl IS NOT NULL)) AS x
             WHERE c.oid = p_partition AND x.grantee <> c.relowner
        LOOP
            EXECUTE pg_catalog.format('REVOKE ALL ON TABLE archive.%I FROM %s', v_name, v_grant.who);
        END LOOP;
        EXECUTE pg_catalog.format('GRANT SELECT ON TABLE archive.%I TO chain_auditor', v_name);
        v_cols := archive.analytics_columns(v_rule.table_name);
        SELECT pg_catalog.bool_and(a.attname = ANY (v_cols)),
               pg_catalog.array_agg(a.attname ORDER BY a.attnum) FILTER (WHERE a.attname = ANY (v_cols))
          INTO v_all, v_cols
          FROM pg_catalog.pg_attribute AS a
         WHERE a.attrelid = p_partition AND a.attnum > 0 AND NOT a.attisdropped;
        IF v_all THEN
            EXECUTE pg_catalog.format('GRANT SELECT ON TABLE archive.%I TO chain_analytics', v_name);
        ELSIF v_cols IS NOT NULL THEN
            EXECUTE pg_catalog.format('GRANT SELECT (%s) ON TABLE archive.%I TO chain_analytics',
                                      (SELECT pg_catalog.string_agg(pg_catalog.quote_ident(x), ', ') FROM pg_catalog.unnest(v_cols) AS x),
                                      v_name);
        END IF;
        EXECUTE pg_catalog.format('SELECT pg_catalog.count(*) FROM archive.%I', v_name) INTO v_rows;
        EXECUTE pg_catalog.format('COMMENT ON TABLE archive.%I IS %L', v_name,
            pg_catalog.format('Archived partition of %s [%s, %s): moved by maint.cleanup_old_data (rule %s) on %s.',
                              v_rule.table_name, p_range_start, p_range_end, v_rule.id, pg_catalog.now()));
        INSERT INTO archive.partitions (partition, source, rule_id, range_start, range_end, row_count)
        VALUES (pg_catalog.format('archive.%I', v_name)::regclass, v_rule.table_name::text, v_rule.id,
                p_range_start, p_range_end, v_rows);
        RETURN 'archived';
    EXCEPTION
        WHEN lock_not_available THEN
            RETURN 'skipped: lock not available';
        WHEN OTHERS THEN
            RETURN 'failed: ' || SQLERRM;
    END;
END
$$;
COMMENT ON FUNCTION maint.retire_partition(bigint, regclass, timestamptz, timestamptz) IS
    'Retention of one whole partition under lock_timeout 5s: detach, then drop (delete rule) or move to schema archive (archive rule); returns dropped, archived, skipped: lock not available, or failed: <error>.';
REVOKE ALL ON FUNCTION maint.retire_partition(bigint, regclass, timestamptz, timestamptz) FROM PUBLIC;

-- maint.retention_batch(p_rule_id, p_leaf, p_cutoff, p_dry_run, OUT moved bigint, OUT error text)
--   One batch of a rule's row phase on one leaf table (the table itself, or one of its partitions):
--   up to batch_size rows with time_column < p_cutoff (and row_filter) are deleted, archive rules
--   inserting them into archive.rows in the same statement. Dry run: counts them all, changes
--   nothing. moved = rows done (or counted); error = the error, when it failed (moved NULL).
CREATE FUNCTION maint.retention_batch(p_rule_id bigint, p_leaf regclass, p_cutoff timestamptz, p_dry_run boolean,
                                      OUT moved bigint, OUT error text)
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
SET lock_timeout = '5s'
AS $$
DECLARE
    v_rule  ops.retention_policies;
    v_where text;
    v_pk    text;
BEGIN
    SELECT * INTO STRICT v_rule FROM ops.retention_policies WHERE id = p_rule_id;
    v_where := pg_catalog.format('%I < $1', v_rule.time_column)
               || COALESCE(' AND (' || v_rule.row_filter || ')', '');
    BEGIN
        -- a caller whom row-level security binds on the table would see (and clean) only part of it
        IF pg_catalog.row_security_active(v_rule.table_name) THEN
            RAISE EXCEPTION 'row-level security on % binds %: run maint.cleanup_old_data as a superuser',
                            v_rule.table_name, CURRENT_USER;
        END IF;
        IF p_dry_run THEN
            EXECUTE pg_catalog.format('SELECT pg_catalog.count(*) FROM ONLY %s WHERE %s', p_leaf, v_where)
               INTO moved USING p_cutoff;
        ELSIF v_rule.action = 'delete' THEN
            EXECUTE pg_catalog.format(
                'WITH v AS (DELETE FROM ONLY %1$s WHERE ctid = ANY (ARRAY(SELECT ctid FROM ONLY %1$s WHERE %2$s LIMIT %3$s)) RETURNING 1)
                 SELECT pg_catalog.count(*) FROM v', p_leaf, v_where, v_rule.batch_size)
               INTO moved USING p_cutoff;
        ELSE
            SELECT pg_catalog.string_agg(pg_catalog.format('%L, v.%I', a.attname, a.attname), ', ' ORDER BY k.pos) INTO v_pk
              FROM pg_catalog.pg_index AS x
              JOIN LATERAL pg_catalog.unnest(x.indkey) WITH ORDINALITY AS k (attnum, pos) ON true
              JOIN pg_catalog.pg_attribute AS a ON a.attrelid = x.indrelid AND a.attnum = k.attnum
             WHERE x.indrelid = v_rule.table_name AND x.indisprimary;
            EXECUTE pg_catalog.format(
                'WITH v AS (DELETE FROM ONLY %1$s WHERE ctid = ANY (ARRAY(SELECT ctid FROM ONLY %1$s WHERE %2$s LIMIT %3$s)) RETURNING *),
                      a AS (INSERT INTO archive.rows (source, rule_id, record_pk, row_data, row_time)
                            SELECT $2, $3, pg_catalog.jsonb_build_object(%4$s), pg_catalog.to_jsonb(v), v.%5$I FROM v
                            ON CONFLICT (source, record_pk) DO UPDATE
                               SET row_data = EXCLUDED.row_data, row_time = EXCLUDED.row_time,
                                   rule_id = EXCLUDED.rule_id, archived_at = EXCLUDED.archived_at
                            RETURNING 1)
                 SELECT pg_catalog.count(*) FROM a',
                p_leaf, v_where, v_rule.batch_size, v_pk, v_rule.time_column)
               INTO moved USING p_cutoff, v_rule.table_name::text, v_rule.id;
        END IF;
    EXCEPTION WHEN OTHERS THEN
        moved := NULL;
        error := SQLERRM;
    END;
END
$$;
COMMENT ON FUNCTION maint.retention_batch(bigint, regclass, timestamptz, boolean) IS
    'One batch of a retention rule on one leaf table: up to batch_size old rows deleted (archive rules: moved to archive.rows in the same statement); dry run counts them; returns rows done or the error.';
REVOKE ALL ON FUNCTION maint.retention_batch(bigint, regclass, timestamptz, boolean) FROM PUBLIC;

-- maint.expire_archive(p_rule_id, p_cutoff, p_dry_run, OUT partitions_dropped int, OUT rows_deleted bigint, OUT error text)
--   Archive expiry of one rule: its archived partitions whose range ended at or before p_cutoff are
--   dropped, and up to 10 batches of its archived rows with row_time < p_cutoff deleted (the caller
--   repeats while rows_deleted is positive). Dry run: counts only.
CREATE FUNCTION maint.expire_archive(p_rule_id bigint, p_cutoff timestamptz, p_dry_run boolean,
                                     OUT partitions_dropped int, OUT rows_deleted bigint, OUT error text)
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
SET lock_timeout = '5s'
AS $$
DECLARE
    v_rule ops.retention_policies;
    v_part record;
BEGIN
    SELECT * INTO STRICT v_rule FROM ops.retention_policies WHERE id = p_rule_id;
    partitions_dropped := 0;
    BEGIN
        FOR v_part IN SELECT p.partition FROM archive.partitions AS p
                       WHERE p.source = v_rule.table_name::text AND p.range_end <= p_cutoff LOOP
            IF NOT p_dry_run THEN
                IF EXISTS (SELECT 1 FROM pg_catalog.pg_class WHERE oid = v_part.partition) THEN
                    EXECUTE pg_catalog.format('DROP TABLE %s', v_part.partition);
                END IF;
                DELETE FROM archive.partitions WHERE partition = v_part.partition;
            END IF;
            partitions_dropped := partitions_dropped + 1;
        END LOOP;
        IF p_dry_run THEN
            SELECT pg_catalog.count(*) INTO rows_deleted FROM archive.rows
             WHERE source = v_rule.table_name::text AND row_time < p_cutoff;
        ELSE
            WITH v AS (DELETE FROM archive.rows WHERE id = ANY (ARRAY(
                           SELECT r.id FROM archive.rows AS r WHERE r.source = v_rule.table_name::text AND r.row_time < p_cutoff
                            LIMIT v_rule.batch_size * 10)) RETURNING 1)
            SELECT pg_catalog.count(*) INTO rows_deleted FROM v;
        END IF;
    EXCEPTION WHEN OTHERS THEN
        error := SQLERRM;
    END;
END
$$;
COMMENT ON FUNCTION maint.expire_archive(bigint, timestamptz, boolean) IS
    'Archive expiry of one retention rule: drops its archived partitions ended before p_cutoff, deletes a chunk of its archived rows older than p_cutoff (dry run: counts).';
REVOKE ALL ON FUNCTION maint.expire_archive(bigint, timestamptz, boolean) FROM PUBLIC;

-- maint.cleanup_step(p_rule_id, p_now, p_dry_run, p_state jsonb) → jsonb
--   One unit of a rule's cleanup — one partition, one batch of rows on one leaf, or one chunk of
--   archive expiry — and the state after it (the procedure commits between two calls):
--     phase partitions → rows → expire → done: true
--   State: todo (partitions still to retire), leaves (tables still to clean row by row: the table
--   itself, or its leaf partitions minus those of phase 1), partitions (what phase 1 did), rows,
--   archive_partitions_dropped, archive_rows_deleted, errors, skipped. NULL starts a rule.
CREATE FUNCTION maint.cleanup_step(p_rule_id bigint, p_now timestamptz, p_dry_run boolean, p_state jsonb)
RETURNS jsonb
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_rule   ops.retention_policies;
    v_state  jsonb := p_state;
    v_item   jsonb;
    v_status text;
    v_leaf   regclass;
    v_batch  record;
    v_expire record;
BEGIN
    SELECT * INTO STRICT v_rule FROM ops.retention_policies WHERE id = p_rule_id;
    IF v_state IS NULL THEN
        v_state := jsonb_build_object(
            'phase', 'partitions',
            'todo', COALESCE((SELECT jsonb_agg(jsonb_build_object('partition', p.partition::text, 'oid', p.partition::oid,
                                                                  'from', p.range_start, 'to', p.range_end) ORDER BY p.range_end)
                                FROM maint.retention_partitions(p_rule_id, p_now) AS p), '[]'),
            'partitions', '[]'::jsonb, 'rows', 0, 'archive_partitions_dropped', 0, 'archive_rows_deleted', 0,
            'errors', '[]'::jsonb, 'skipped', 0, 'done', false);
        -- a plain table is its own leaf; a partition of phase 1 is never emptied row by row (retired,
        -- to be retired, or skipped because its lock was not available: the next run retires it whole)
        v_state := v_state || jsonb_build_object('leaves', COALESCE(
            (SELECT jsonb_agg(t.relid::oid ORDER BY t.relid::oid) FROM pg_partition_tree(v_rule.table_name) AS t
              WHERE t.isleaf AND NOT (v_state -> 'todo') @> jsonb_build_array(jsonb_build_object('oid', t.relid::oid))),
            CASE WHEN (SELECT c.relkind FROM pg_class AS c WHERE c.oid = v_rule.table_name) = 'p' THEN '[]'::jsonb
                 ELSE jsonb_build_array(v_rule.table_name::oid) END));
    END IF;

    IF v_state ->> 'phase' = 'partitions' THEN
        IF jsonb_array_length(v_state -> 'todo') = 0 THEN
            RETURN v_state || '{"phase": "rows"}';
        END IF;
        v_item := v_state -> 'todo' -> 0;
        IF p_dry_run THEN
            v_status := CASE WHEN v_rule.action = 'delete' THEN 'would drop' ELSE 'would archive' END;
        ELSE
            v_status := maint.retire_partition(p_rule_id, (v_item ->> 'oid')::oid::regclass,
                                               (v_item ->> 'from')::timestamptz, (v_item ->> 'to')::timestamptz);
        END IF;
        v_state := jsonb_set(v_state, '{todo}', (v_state -> 'todo') - 0);
        -- named as it was (an archived partition's regclass now reads archive.<name>)
        v_state := jsonb_set(v_state, '{partitions}', (v_state -> 'partitions')
                             || jsonb_build_array(jsonb_build_object('partition', v_item ->> 'partition', 'action', v_status)));
        IF v_status LIKE 'skipped%' THEN
            v_state := jsonb_set(v_state, '{skipped}', to_jsonb((v_state ->> 'skipped')::int + 1));
        ELSIF v_status LIKE 'failed%' THEN
            v_state := jsonb_set(v_state, '{errors}', (v_state -> 'errors') || to_jsonb((v_item ->> 'partition') || ': ' || v_status));
        END IF;
        RETURN v_state;
    END IF;

    IF v_state ->> 'phase' = 'rows' THEN
        IF jsonb_array_length(v_state -> 'leaves') = 0 THEN
            RETURN v_state || jsonb_build_object('phase', 'expire',
                                                 'done', NOT (v_rule.action = 'archive' AND v_rule.keep_archived IS NOT NULL));
        END IF;
        v_leaf := (v_state -> 'leaves' ->> 0)::oid::regclass;
        SELECT * INTO v_batch FROM maint.retention_batch(p_rule_id, v_leaf, p_now - v_rule.keep_hot, p_dry_run);
        IF v_batch.error IS NOT NULL THEN
            v_state := jsonb_set(v_state, '{errors}', (v_state -> 'errors') || to_jsonb(v_leaf::text || ': ' || v_batch.error));
        ELSE
            v_state := jsonb_set(v_state, '{rows}', to_jsonb((v_state ->> 'rows')::bigint + v_batch.moved));
        END IF;
        IF v_batch.error IS NOT NULL OR p_dry_run OR v_batch.moved < v_rule.batch_size THEN
            v_state := jsonb_set(v_state, '{leaves}', (v_state -> 'leaves') - 0);
        END IF;
        RETURN v_state;
    END IF;

    -- expire
    SELECT * INTO v_expire FROM maint.expire_archive(p_rule_id, p_now - v_rule.keep_hot - v_rule.keep_archived, p_dry_run);
    IF v_expire.error IS NOT NULL THEN
        RETURN jsonb_set(v_state, '{errors}', (v_state -> 'errors') || to_jsonb('archive expiry: ' || v_expire.error))
               || '{"done": true}';
    END IF;
    RETURN v_state || jsonb_build_object(
        'archive_partitions_dropped', (v_state ->> 'archive_partitions_dropped')::int + v_expire.partitions_dropped,
        'archive_rows_deleted', (v_state ->> 'archive_rows_deleted')::bigint + v_expire.rows_deleted,
        'done', p_dry_run OR v_expire.rows_deleted = 0);
END
$$;
COMMENT ON FUNCTION maint.cleanup_step(bigint, timestamptz, boolean, jsonb) IS
    'One transaction''s worth of a retention rule (a partition, a batch of rows, a chunk of archive expiry); returns the rule''s state, done: true at the end. Called by maint.cleanup_old_data.';
REVOKE ALL ON FUNCTION maint.cleanup_step(bigint, timestamptz, boolean, jsonb) FROM PUBLIC;

-- maint.cleanup_finish(p_rule_id, p_now, p_dry_run, p_state) → jsonb
--   Records a rule's run in ops.retention_policies (last_run_at, last_status, last_result) and
--   returns its report element: {table, rule, status, cutoff, partitions, rows_archived or
--   rows_deleted, archive_partitions_dropped, archive_rows_deleted, errors, dry_run}.
CREATE FUNCTION maint.cleanup_finish(p_rule_id bigint, p_now timestamptz, p_dry_run boolean, p_state jsonb)
RETURNS jsonb
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_rule   ops.retention_policies;
    v_result jsonb;
    v_status text;
BEGIN
    SELECT * INTO STRICT v_rule FROM ops.retention_policies WHERE id = p_rule_id;
    v_result := jsonb_build_object(
        'cutoff', p_now - v_rule.keep_hot,
        'partitions', p_state -> 'partitions',
        CASE WHEN v_rule.action = 'archive' THEN 'rows_archived' ELSE 'rows_deleted' END, (p_state ->> 'rows')::bigint,
        'archive_partitions_dropped', (p_state ->> 'archive_partitions_dropped')::int,
        'archive_rows_deleted', (p_state ->> 'archive_rows_deleted')::bigint,
        'errors', p_state -> 'errors',
        'dry_run', p_dry_run);
    v_status := CASE WHEN p_dry_run THEN 'dry_run'
                     WHEN jsonb_array_length(p_state -> 'errors') > 0 THEN 'failed'
                     WHEN (p_state ->> 'skipped')::int > 0 THEN 'partial'
                     ELSE 'ok' END;
    UPDATE ops.retention_policies SET last_run_at = p_now, last_status = v_status, last_result = v_result WHERE id = p_rule_id;
    RETURN jsonb_build_object('table', v_rule.table_name::text, 'rule', v_rule.rule_name, 'status', v_status) || v_result;
END
$$;
COMMENT ON FUNCTION maint.cleanup_finish(bigint, timestamptz, boolean, jsonb) IS
    'Records a retention rule''s run (last_run_at, last_status, last_result) and returns its report element. Called by maint.cleanup_old_data.';
REVOKE ALL ON FUNCTION maint.cleanup_finish(bigint, timestamptz, boolean, jsonb) FROM PUBLIC;

-- maint.cleanup_rules() → SETOF bigint: the enabled rules whose table exists, in id order.
-- maint.cleanup_done(jsonb) → boolean: the state says the rule is done.
CREATE FUNCTION maint.cleanup_rules()
RETURNS SETOF bigint
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT r.id FROM ops.retention_policies AS r
     WHERE r.enabled AND EXISTS (SELECT 1 FROM pg_class AS c WHERE c.oid = r.table_name)
     ORDER BY r.id
$$;
COMMENT ON FUNCTION maint.cleanup_rules() IS 'The enabled retention rules whose table exists, in id order (maint.cleanup_old_data''s work list).';
REVOKE ALL ON FUNCTION maint.cleanup_rules() FROM PUBLIC;

CREATE FUNCTION maint.cleanup_done(p_state jsonb)
RETURNS boolean
LANGUAGE sql IMMUTABLE
SET search_path = pg_catalog, pg_temp
AS $$ SELECT COALESCE((p_state ->> 'done')::boolean, false) $$;
COMMENT ON FUNCTION maint.cleanup_done(jsonb) IS 'Whether a maint.cleanup_step state is done.';
REVOKE ALL ON FUNCTION maint.cleanup_done(jsonb) FROM PUBLIC;

-- maint.cleanup_lock(p_take boolean) → boolean
--   One maint.cleanup_old_data at a time (a pg_cron run and a manual one would race for the same
--   partitions and batches): p_take true tries the session advisory lock (keys 1414, 1) of the
--   cleanup and says whether this session holds it now (never waits; a session that holds it
--   already, e.g. after a run it interrupted, does not stack a second hold); false releases it.
--   A session lock outlives the procedure's COMMITs; a session that ends releases it.
CREATE FUNCTION maint.cleanup_lock(p_take boolean)
RETURNS boolean
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_held boolean := EXISTS (SELECT 1 FROM pg_locks AS l
                               WHERE l.locktype = 'advisory' AND l.pid = pg_backend_pid() AND l.granted
                                 AND l.classid = 1414 AND l.objid = 1 AND l.objsubid = 2);
BEGIN
    IF p_take THEN
        RETURN v_held OR pg_try_advisory_lock(1414, 1);
    END IF;
    IF v_held THEN
        PERFORM pg_advisory_unlock(1414, 1);   -- held once at most (see above)
    END IF;
    RETURN true;
END
$$;
COMMENT ON FUNCTION maint.cleanup_lock(boolean) IS
    'Takes (true: without waiting, says whether it got it) or releases (false) the advisory lock that lets one maint.cleanup_old_data run at a time.';
REVOKE ALL ON FUNCTION maint.cleanup_lock(boolean) FROM PUBLIC;

-- The procedure is a loop of calls and COMMITs only: PostgreSQL allows no SET clause (hence no
-- pinned search_path) on a procedure that commits, so it holds no expression of its own to resolve;
-- every name is schema-qualified.
CREATE PROCEDURE maint.cleanup_old_data(dry_run boolean DEFAULT false, INOUT report jsonb DEFAULT NULL)
LANGUAGE plpgsql
AS $$
DECLARE
    v_now     timestamptz := pg_catalog.now();
    v_rule_id bigint;
    v_state   jsonb;
BEGIN
    IF NOT maint.cleanup_lock(true) THEN
        report := pg_catalog.jsonb_build_array(pg_catalog.jsonb_build_object(
            'status', 'skipped: another maint.cleanup_old_data is running'));
        RETURN;
    END IF;
    report := pg_catalog.jsonb_build_array();
    FOR v_rule_id IN SELECT r.id FROM maint.cleanup_rules() AS r (id) LOOP
        v_state := NULL;
        LOOP
            v_state := maint.cleanup_step(v_rule_id, v_now, dry_run, v_state);
            IF NOT dry_run THEN
                COMMIT;
            END IF;
            EXIT WHEN maint.cleanup_done(v_state);
        END LOOP;
        report := pg_catalog.jsonb_concat(report, pg_catalog.jsonb_build_array(maint.cleanup_finish(v_rule_id, v_now, dry_run, v_state)));
        COMMIT;
    END LOOP;
    PERFORM maint.cleanup_lock(false);
END
$$;
COMMENT ON PROCEDURE maint.cleanup_old_data(boolean, jsonb) IS
    'Applies every enabled rule of ops.retention_policies: whole old partitions detached and dropped or moved to schema archive (lock_timeout 5s, else skipped), remaining old rows deleted or archived as JSON in batches (a transaction each); archive expiry; records each rule''s last run. CALL outside a transaction block, as a superuser; dry_run changes nothing.';
REVOKE ALL ON PROCEDURE maint.cleanup_old_data(boolean, jsonb) FROM PUBLIC;
