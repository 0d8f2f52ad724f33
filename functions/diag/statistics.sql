-- Database statistics from psql (the seed's get_system_stats / get_table_sizes /
-- get_database_info, and the catalog half of the pg-extras set):
--
--   diag.system_stats()        metric, value, unit: size, connections, uptime, commits, cache hits,
--                              application row counts (estimates)
--   diag.table_sizes()         biggest first; a partitioned table is one row summed over its partitions
--   diag.database_info()       version, encoding, extensions, and the tuning settings against the
--                              values the memory-assets seed recommends
--   diag.cache_hit()           table and index hit ratios (pg-extras cache_hit)
--   diag.index_usage()         every index, least used first
--   diag.unused_indexes(…)     non-unique indexes scanned fewer than p_max_scans times (except
--                              those in diag.index_allowlist)
--   diag.duplicate_indexes()   indexes with the same table, columns, opclasses, expressions, predicate
--   diag.bloat()               estimated table and index bloat (pg-extras' estimate from pg_stats)
--   diag.vacuum_stats()        last (auto)vacuum/analyze, dead rows, whether autovacuum is due
--   diag.seq_scans()           sequential scans per table
--   diag.records_rank()        estimated live rows per table
--
-- All cover every schema except pg_* and information_schema. All are SECURITY DEFINER (run as
-- chain_owner, a member of pg_read_all_stats), STABLE, search_path pinned, EXECUTE for
-- chain_monitor only. None reads a table's rows: sizes and counts come from the catalogs and
-- the statistics views, so each costs milliseconds on a database with hundreds of tables.
-- Sizes (table_sizes, index_usage, unused_indexes, duplicate_indexes) take a share lock on each
-- relation: they wait at most 1 s (lock_timeout) behind DDL holding one exclusively, then fail
-- with lock_not_available instead of hanging a monitoring call.

CREATE FUNCTION diag.system_stats()
RETURNS TABLE (metric text, value numeric, unit text)
LANGUAGE sql STABLE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
    WITH db AS (
        SELECT d.* FROM pg_catalog.pg_stat_database AS d WHERE d.datname = pg_catalog.current_database()
    ), sessions AS (
        SELECT a.state FROM pg_catalog.pg_stat_activity AS a
         WHERE a.datname = pg_catalog.current_database() AND a.backend_type = 'client backend'
    ), app (ord, metric, relation) AS (
        VALUES (1, 'users', 'core.users'), (2, 'assets', 'blockchain.assets'),
               (3, 'transactions', 'blockchain.transactions'), (4, 'orders', 'trading.orders'),
               (5, 'products', 'trace.products'), (6, 'checkpoints', 'trace.checkpoints'),
               (7, 'trace_points', 'token.trace_points'), (8, 'token_transactions', 'token.transactions'),
               (9, 'memory_assets', 'memory.assets'), (10, 'minting_queue', 'memory.minting_queue'),
               (11, 'audit_logs', 'audit.logs')
    )
    SELECT m.metric, m.value, m.unit FROM (
        SELECT 1 AS ord, 'database_size' AS metric,
               pg_catalog.pg_database_size(pg_catalog.current_database())::numeric AS value, 'bytes' AS unit
        UNION ALL SELECT 2, 'connections_total', (SELECT pg_catalog.count(*) FROM sessions), 'sessions'
        UNION ALL SELECT 3, 'connections_active', (SELECT pg_catalog.count(*) FROM sessions WHERE state = 'active'), 'sessions'
        UNION ALL SELECT 4, 'connections_idle', (SELECT pg_catalog.count(*) FROM sessions WHERE state = 'idle'), 'sessions'
        UNION ALL SELECT 5, 'connections_idle_in_transaction',
                         (SELECT pg_catalog.count(*) FROM sessions WHERE state LIKE 'idle in transaction%'), 'sessions'
        UNION ALL SELECT 6, 'max_connections', pg_catalog.current_setting('max_connections')::numeric, 'sessions'
        UNION ALL SELECT 7, 'uptime',
                         pg_catalog.round(EXTRACT(epoch FROM pg_catalog.now() - pg_catalog.pg_postmaster_start_time())), 'seconds'
        UNION ALL SELECT 8, 'commits', (SELECT xact_commit FROM db), 'transactions'
        UNION ALL SELECT 9, 'rollbacks', (SELECT xact_rollback FROM db), 'transactions'
        UNION ALL SELECT 10, 'deadlocks', (SELECT deadlocks FROM db), 'deadlocks'
        UNION ALL SELECT 11, 'conflicts', (SELECT conflicts FROM db), 'queries'
        UNION ALL SELECT 12, 'temp_bytes', (SELECT temp_bytes FROM db), 'bytes'
        UNION ALL SELECT 13, 'cache_hit_ratio',
                         (SELECT pg_catalog.round(blks_hit::numeric / NULLIF(blks_hit + blks_read, 0), 4) FROM db), 'ratio'
        UNION ALL SELECT 14, 'stats_age',
                         (SELECT pg_catalog.round(EXTRACT(epoch FROM pg_catalog.now() - stats_reset)) FROM db), 'seconds'
        UNION ALL
        SELECT 100 + app.ord, 'rows_' || app.metric, s.n_live_tup::numeric, 'rows (estimate)'
          FROM app JOIN pg_catalog.pg_stat_user_tables AS s ON s.relid = pg_catalog.to_regclass(app.relation)
    ) AS m
    ORDER BY m.ord
$$;
COMMENT ON FUNCTION diag.system_stats() IS
    'System statistics [get_system_stats]: database size, sessions by state, uptime, commits, rollbacks, deadlocks, temp bytes, cache hit ratio, and estimated rows of the main application tables (those deployed).';

CREATE FUNCTION diag.table_sizes()
RETURNS TABLE (schema_name name, table_name name, total_bytes bigint, table_bytes bigint, index_bytes bigint,
               toast_bytes bigint, estimated_rows bigint, total_pretty text)
LANGUAGE sql STABLE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
SET lock_timeout = '1s'
AS $$
    WITH roots AS (
        SELECT c.oid, n.nspname, c.relname, c.relkind
          FROM pg_catalog.pg_class AS c
          JOIN pg_catalog.pg_namespace AS n ON n.oid = c.relnamespace
         WHERE c.relkind IN ('r', 'p', 'm') AND NOT c.relispartition
           AND n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'
    ), members AS (
        SELECT r.oid AS root, r.oid AS relid FROM roots AS r WHERE r.relkind <> 'p'
        UNION ALL
        SELECT r.oid, t.relid FROM roots AS r, pg_catalog.pg_partition_tree(r.oid) AS t
         WHERE r.relkind = 'p' AND t.isleaf
    ), sized AS (
        SELECT m.root,
               pg_catalog.pg_total_relation_size(m.relid) AS total,
               pg_catalog.pg_indexes_size(m.relid) AS idx,
               COALESCE(pg_catalog.pg_total_relation_size(NULLIF(c.reltoastrelid, 0)), 0) AS toast,
               CASE WHEN c.reltuples >= 0 THEN c.reltuples::bigint ELSE COALESCE(s.n_live_tup, 0) END AS est
          FROM members AS m
          JOIN pg_catalog.pg_class AS c ON c.oid = m.relid
          LEFT JOIN pg_catalog.pg_stat_all_tables AS s ON s.relid = m.relid
    )
    SELECT r.nspname, r.relname,
           COALESCE(pg_catalog.sum(z.total), 0)::bigint,
           COALESCE(pg_catalog.sum(z.total - z.idx - z.toast), 0)::bigint,
           COALESCE(pg_catalog.sum(z.idx), 0)::bigint,
           COALESCE(pg_catalog.sum(z.toast), 0)::bigint,
           COALESCE(pg_catalog.sum(z.est), 0)::bigint,
           pg_catalog.pg_size_pretty(COALESCE(pg_catalog.sum(z.total), 0))
      FROM roots AS r
      LEFT JOIN sized AS z ON z.root = r.oid
     GROUP BY r.oid, r.nspname, r.relname
     ORDER BY 3 DESC, 1, 2
$$;
COMMENT ON FUNCTION diag.table_sizes() IS
    'Table sizes [get_table_sizes], biggest first: total, heap, index and TOAST bytes and estimated rows; a partitioned table is one row summed over all its partitions (which are not listed).';

CREATE FUNCTION diag.database_info()
RETURNS TABLE (name text, value text, recommended text)
LANGUAGE sql STABLE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT i.name, i.value, i.recommended FROM (
        SELECT 1 AS ord, 'version' AS name, pg_catalog.version() AS value, NULL::text AS recommended
        UNION ALL SELECT 2, 'server_version_num', pg_catalog.current_setting('server_version_num'), NULL
        UNION ALL SELECT 3, 'database', pg_catalog.current_database()::text, NULL
        UNION ALL SELECT 4, 'encoding', pg_catalog.pg_encoding_to_char(d.encoding)::text, 'UTF8'
          FROM pg_catalog.pg_database AS d WHERE d.datname = pg_catalog.current_database()
        UNION ALL SELECT 5, 'collation', d.datcollate::text, NULL
          FROM pg_catalog.pg_database AS d WHERE d.datname = pg_catalog.current_database()
        UNION ALL SELECT 6, 'TimeZone', pg_catalog.current_setting('TimeZone'), NULL
        UNION ALL SELECT 7, 'max_connections', pg_catalog.current_setting('max_connections'), NULL
        UNION ALL SELECT 8, 'shared_preload_libraries', pg_catalog.current_setting('shared_preload_libraries'),
                         'pg_stat_statements,pg_cron'
        UNION ALL SELECT 9, 'extension ' || e.name, COALESCE(e.installed_version, 'not installed'), 'installed'
          FROM pg_catalog.pg_available_extensions AS e WHERE e.name IN ('pg_stat_statements', 'pg_cron')
        UNION ALL
        SELECT 20 + r.ord, r.setting, pg_catalog.current_setting(r.setting), r.value
          FROM (VALUES (1, 'shared_buffers', '256MB'), (2, 'effective_cache_size', '1GB'),
                       (3, 'work_mem', '16MB'), (4, 'maintenance_work_mem', '128MB'),
                       (5, 'checkpoint_completion_target', '0.9'), (6, 'wal_buffers', '16MB'),
                       (7, 'random_page_cost', '1.1'), (8, 'effective_io_concurrency', '200'),
                       (9, 'log_min_duration_statement', '1s')) AS r (ord, setting, value)
    ) AS i
    ORDER BY i.ord, i.name
$$;
COMMENT ON FUNCTION diag.database_info() IS
    'Version and configuration [get_database_info]: version, encoding, collation, time zone, preloaded libraries, pg_stat_statements/pg_cron, and the 9 tuning settings with the values the memory-assets seed recommends.';

CREATE FUNCTION diag.cache_hit()
RETURNS TABLE (name text, ratio numeric, hits bigint, reads bigint)
LANGUAGE sql STABLE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT 'index hit rate',
           pg_catalog.round(pg_catalog.sum(idx_blks_hit) / NULLIF(pg_catalog.sum(idx_blks_hit + idx_blks_read), 0), 4),
           COALESCE(pg_catalog.sum(idx_blks_hit), 0)::bigint, COALESCE(pg_catalog.sum(idx_blks_read), 0)::bigint
      FROM pg_catalog.pg_statio_user_indexes
    UNION ALL
    SELECT 'table hit rate',
           pg_catalog.round(pg_catalog.sum(heap_blks_hit) / NULLIF(pg_catalog.sum(heap_blks_hit + heap_blks_read), 0), 4),
           COALESCE(pg_catalog.sum(heap_blks_hit), 0)::bigint, COALESCE(pg_catalog.sum(heap_blks_read), 0)::bigint
      FROM pg_catalog.pg_statio_user_tables
$$;
COMMENT ON FUNCTION diag.cache_hit() IS
    'Index and table cache hit ratios of this database (pg-extras cache_hit), with the buffer hits and reads behind them; NULL before any read.';

CREATE FUNCTION diag.index_usage()
RETURNS TABLE (schema_name name, table_name name, index_name name, idx_scan bigint, idx_tup_read bigint,
               idx_tup_fetch bigint, index_bytes bigint)
LANGUAGE sql STABLE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
SET lock_timeout = '1s'
AS $$
    SELECT s.schemaname, s.relname, s.indexrelname, s.idx_scan, s.idx_tup_read, s.idx_tup_fetch,
           pg_catalog.pg_relation_size(s.indexrelid)
      FROM pg_catalog.pg_stat_user_indexes AS s
     ORDER BY s.idx_scan, pg_catalog.pg_relation_size(s.indexrelid) DESC, 1, 2, 3
$$;
COMMENT ON FUNCTION diag.index_usage() IS
    'Every index with its scans and tuples read/fetched, least used first (the memory-assets seed''s index maintenance query).';

CREATE FUNCTION diag.unused_indexes(p_max_scans bigint DEFAULT 50, p_min_table_bytes bigint DEFAULT 40960)
RETURNS TABLE (schema_name name, table_name name, index_name name, index_bytes bigint, index_size text,
               index_scans bigint)
LANGUAGE sql STABLE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
SET lock_timeout = '1s'
AS $$
    -- a partitioned index counts the scans of all its partitions' indexes; those are not listed
    WITH candidates AS (
        SELECT x.indexrelid, x.indrelid, i.relkind
          FROM pg_catalog.pg_index AS x
          JOIN pg_catalog.pg_class AS i ON i.oid = x.indexrelid
          JOIN pg_catalog.pg_namespace AS n ON n.oid = i.relnamespace
         WHERE NOT x.indisunique AND NOT x.indisprimary AND NOT x.indisexclusion AND NOT i.relispartition
           AND n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'
    ), tree AS (
        SELECT c.indexrelid AS root, c.indexrelid AS relid, true AS isleaf FROM candidates AS c WHERE c.relkind = 'i'
        UNION ALL
        SELECT c.indexrelid, t.relid, t.isleaf
          FROM candidates AS c, pg_catalog.pg_partition_tree(c.indexrelid) AS t WHERE c.relkind = 'I'
    ), per_root AS (
        SELECT t.root, pg_catalog.sum(pg_catalog.pg_stat_get_numscans(t.relid))::bigint AS scans,
               COALESCE(pg_catalog.sum(pg_catalog.pg_relation_size(t.relid)) FILTER (WHERE t.isleaf), 0)::bigint AS ibytes
          FROM tree AS t GROUP BY t.root
    ), measured AS (
        SELECT c.indexrelid, c.indrelid, r.scans, r.ibytes,
               CASE WHEN c.relkind = 'i' THEN pg_catalog.pg_relation_size(c.indrelid)
                    ELSE (SELECT COALESCE(pg_catalog.sum(pg_catalog.pg_relation_size(p.relid)), 0)
                            FROM pg_catalog.pg_partition_tree(c.indrelid) AS p WHERE p.isleaf)::bigint END AS tbytes
          FROM candidates AS c JOIN per_root AS r ON r.root = c.indexrelid
    )
    SELECT n.nspname, t.relname, i.relname, m.ibytes, pg_catalog.pg_size_pretty(m.ibytes), m.scans
      FROM measured AS m
      JOIN pg_catalog.pg_class AS i ON i.oid = m.indexrelid
      JOIN pg_catalog.pg_class AS t ON t.oid = m.indrelid
      JOIN pg_catalog.pg_namespace AS n ON n.oid = i.relnamespace
     WHERE m.scans < p_max_scans AND m.tbytes >= p_min_table_bytes
       AND NOT EXISTS (SELECT 1 FROM diag.index_allowlist AS a WHERE a.index_name = n.nspname || '.' || i.relname)
     ORDER BY m.ibytes DESC, 1, 2, 3
$$;
COMMENT ON FUNCTION diag.unused_indexes(bigint, bigint) IS
    'Non-unique, non-constraint indexes scanned fewer than p_max_scans times (default 50) on tables of at least p_min_table_bytes (default 5 pages), biggest first (pg-extras unused_indexes); a partitioned index sums its partitions; indexes in diag.index_allowlist are left out.';

CREATE FUNCTION diag.duplicate_indexes()
RETURNS TABLE (schema_name name, table_name name, indexes name[], total_bytes bigint, total_size text)
LANGUAGE sql STABLE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
SET lock_timeout = '1s'
AS $$
    SELECT n.nspname, t.relname,
           pg_catalog.array_agg(i.relname ORDER BY x.indisprimary DESC, x.indisunique DESC, i.relname),
           pg_catalog.sum(pg_catalog.pg_relation_size(i.oid))::bigint,
           pg_catalog.pg_size_pretty(pg_catalog.sum(pg_catalog.pg_relation_size(i.oid)))
      FROM pg_catalog.pg_index AS x
      JOIN pg_catalog.pg_class AS i ON i.oid = x.indexrelid
      JOIN pg_catalog.pg_class AS t ON t.oid = x.indrelid
      JOIN pg_catalog.pg_namespace AS n ON n.oid = i.relnamespace
     WHERE NOT i.relispartition AND n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'
     GROUP BY n.nspname, t.relname, x.indrelid, i.relam, x.indkey::text, x.indclass::text, x.indcollation::text,
              x.indoption::text, COALESCE(pg_catalog.pg_get_expr(x.indexprs, x.indrelid), ''),
              COALESCE(pg_catalog.pg_get_expr(x.indpred, x.indrelid), '')
    HAVING pg_catalog.count(*) > 1
     ORDER BY 4 DESC, 1, 2
$$;
COMMENT ON FUNCTION diag.duplicate_indexes() IS
    'Sets of indexes of one table with the same access method, columns, operator classes, collations, options, expressions and predicate (pg-extras duplicate_indexes); the first of each set is the one to keep (primary key, then unique).';

CREATE FUNCTION diag.bloat()
RETURNS TABLE (type text, schemaname name, object_name text, bloat numeric, waste text, waste_bytes bigint)
LANGUAGE sql STABLE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
    -- pg-extras' estimate: expected pages from pg_stats' average widths and null fractions
    -- against the pages the relation has (tables and their indexes; analyzed tables only)
    WITH constants AS (
        SELECT pg_catalog.current_setting('block_size')::numeric AS bs, 23 AS hdr, 8 AS ma
    ), widths AS (
        SELECT s.schemaname, s.tablename, k.hdr, k.ma, k.bs,
               pg_catalog.sum((1 - s.null_frac) * s.avg_width) AS datawidth,
               pg_catalog.max(s.null_frac) AS maxfracsum,
               k.hdr + 1 + pg_catalog.count(*) FILTER (WHERE s.null_frac <> 0) / 8 AS nullhdr
          FROM pg_catalog.pg_stats AS s, constants AS k
         WHERE s.schemaname !~ '^pg_' AND s.schemaname <> 'information_schema'
         GROUP BY s.schemaname, s.tablename, k.hdr, k.ma, k.bs
    ), info AS (
        SELECT w.schemaname, w.tablename, w.ma, w.bs,
               (w.datawidth + (w.hdr + w.ma - CASE WHEN w.hdr % w.ma = 0 THEN w.ma ELSE w.hdr % w.ma END))::numeric AS datahdr,
               w.maxfracsum * (w.nullhdr + w.ma - CASE WHEN w.nullhdr % w.ma = 0 THEN w.ma ELSE w.nullhdr % w.ma END) AS nullhdr2
          FROM widths AS w
    ), rel AS (
        SELECT f.*, c.oid AS relid, c.relpages, c.reltuples,
               pg_catalog.ceil(c.reltuples::numeric * ((f.datahdr + f.ma - CASE WHEN f.datahdr % f.ma = 0 THEN f.ma ELSE f.datahdr % f.ma END)
                                              + f.nullhdr2 + 4) / (f.bs - 20))::numeric AS otta
          FROM info AS f
          JOIN pg_catalog.pg_namespace AS n ON n.nspname = f.schemaname
          JOIN pg_catalog.pg_class AS c ON c.relnamespace = n.oid AND c.relname = f.tablename AND c.relkind IN ('r', 'm')
    ), estimates AS (
        SELECT 'table' AS type, r.schemaname, r.tablename::text AS object_name,
               pg_catalog.round(CASE WHEN r.otta = 0 THEN 0.0 ELSE r.relpages / r.otta END, 1) AS bloat,
               CASE WHEN r.relpages < r.otta THEN 0 ELSE (r.bs * (r.relpages - r.otta))::bigint END AS waste_bytes
          FROM rel AS r
        UNION ALL
        SELECT 'index', r.schemaname, r.tablename || '::' || i.relname,
               pg_catalog.round(CASE WHEN io.iotta = 0 OR i.relpages = 0 THEN 0.0 ELSE i.relpages / io.iotta END, 1),
               CASE WHEN i.relpages < io.iotta THEN 0 ELSE (r.bs * (i.relpages - io.iotta))::bigint END
          FROM rel AS r
          JOIN pg_catalog.pg_index AS x ON x.indrelid = r.relid
          JOIN pg_catalog.pg_class AS i ON i.oid = x.indexrelid
          CROSS JOIN LATERAL (SELECT COALESCE(pg_catalog.ceil(i.reltuples::numeric * (r.datahdr - 12) / (r.bs - 20)), 0) AS iotta) AS io
    )
    SELECT e.type, e.schemaname, e.object_name, e.bloat, pg_catalog.pg_size_pretty(e.waste_bytes), e.waste_bytes
      FROM estimates AS e
     ORDER BY e.waste_bytes DESC, e.bloat DESC, 2, 3
$$;
COMMENT ON FUNCTION diag.bloat() IS
    'Estimated bloat of tables and indexes (pg-extras bloat: expected size from pg_stats widths against actual pages), most wasted bytes first; only analyzed tables have an estimate.';

CREATE FUNCTION diag.vacuum_stats()
RETURNS TABLE (schema_name name, table_name name, last_vacuum timestamptz, last_autovacuum timestamptz,
               vacuum_count bigint, autovacuum_count bigint, last_analyze timestamptz, last_autoanalyze timestamptz,
               live_rows bigint, dead_rows bigint, autovacuum_threshold bigint, expect_autovacuum boolean,
               inserts_since_vacuum bigint, insert_autovacuum_threshold bigint, modified_since_analyze bigint,
               autoanalyze_threshold bigint, expect_autoanalyze boolean)
LANGUAGE sql STABLE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
    -- thresholds as autovacuum computes them: base + scale factor x reltuples, per-table
    -- reloptions first, then the server settings
    WITH t AS (
        SELECT s.*, GREATEST(c.reltuples, 0) AS tuples,
               COALESCE((SELECT o.option_value::boolean FROM pg_catalog.pg_options_to_table(c.reloptions) AS o
                          WHERE o.option_name = 'autovacuum_enabled'), true)
                   AND pg_catalog.current_setting('autovacuum')::boolean AS enabled,
               COALESCE((SELECT o.option_value::numeric FROM pg_catalog.pg_options_to_table(c.reloptions) AS o
                          WHERE o.option_name = 'autovacuum_vacuum_threshold'),
                        pg_catalog.current_setting('autovacuum_vacuum_threshold')::numeric) AS v_base,
               COALESCE((SELECT o.option_value::numeric FROM pg_catalog.pg_options_to_table(c.reloptions) AS o
                          WHERE o.option_name = 'autovacuum_vacuum_scale_factor'),
                        pg_catalog.current_setting('autovacuum_vacuum_scale_factor')::numeric) AS v_scale,
               COALESCE((SELECT o.option_value::numeric FROM pg_catalog.pg_options_to_table(c.reloptions) AS o
                          WHERE o.option_name = 'autovacuum_vacuum_insert_threshold'),
                        pg_catalog.current_setting('autovacuum_vacuum_insert_threshold')::numeric) AS i_base,
               COALESCE((SELECT o.option_value::numeric FROM pg_catalog.pg_options_to_table(c.reloptions) AS o
                          WHERE o.option_name = 'autovacuum_vacuum_insert_scale_factor'),
                        pg_catalog.current_setting('autovacuum_vacuum_insert_scale_factor')::numeric) AS i_scale,
               COALESCE((SELECT o.option_value::numeric FROM pg_catalog.pg_options_to_table(c.reloptions) AS o
                          WHERE o.option_name = 'autovacuum_analyze_threshold'),
                        pg_catalog.current_setting('autovacuum_analyze_threshold')::numeric) AS a_base,
               COALESCE((SELECT o.option_value::numeric FROM pg_catalog.pg_options_to_table(c.reloptions) AS o
                          WHERE o.option_name = 'autovacuum_analyze_scale_factor'),
                        pg_catalog.current_setting('autovacuum_analyze_scale_factor')::numeric) AS a_scale
          FROM pg_catalog.pg_stat_user_tables AS s
          JOIN pg_catalog.pg_class AS c ON c.oid = s.relid
    ), th AS (
        SELECT t.*, (t.v_base + t.v_scale * t.tuples)::bigint AS vt,
               CASE WHEN t.i_base >= 0 THEN (t.i_base + t.i_scale * t.tuples)::bigint END AS it,
               (t.a_base + t.a_scale * t.tuples)::bigint AS at
          FROM t
    )
    SELECT th.schemaname, th.relname, th.last_vacuum, th.last_autovacuum, th.vacuum_count, th.autovacuum_count,
           th.last_analyze, th.last_autoanalyze, th.n_live_tup, th.n_dead_tup,
           th.vt, th.enabled AND (th.n_dead_tup > th.vt OR (th.it IS NOT NULL AND th.n_ins_since_vacuum > th.it)),
           th.n_ins_since_vacuum, th.it, th.n_mod_since_analyze, th.at, th.enabled AND th.n_mod_since_analyze > th.at
      FROM th
     ORDER BY th.n_dead_tup DESC, 1, 2
$$;
COMMENT ON FUNCTION diag.vacuum_stats() IS
    'Per table: last manual/auto vacuum and analyze, live and dead rows, the autovacuum and autoanalyze thresholds (reloptions honoured) and whether autovacuum is due (pg-extras vacuum_stats), most dead rows first.';

CREATE FUNCTION diag.seq_scans()
RETURNS TABLE (schema_name name, table_name name, seq_scan bigint, seq_tup_read bigint, idx_scan bigint,
               estimated_rows bigint)
LANGUAGE sql STABLE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT s.schemaname, s.relname, s.seq_scan, s.seq_tup_read, s.idx_scan, s.n_live_tup
      FROM pg_catalog.pg_stat_user_tables AS s
     ORDER BY s.seq_scan DESC, s.seq_tup_read DESC, 1, 2
$$;
COMMENT ON FUNCTION diag.seq_scans() IS
    'Sequential scans per table with the rows they read, index scans and estimated rows, most scanned first (pg-extras seq_scans).';

CREATE FUNCTION diag.records_rank()
RETURNS TABLE (schema_name name, table_name name, estimated_count bigint)
LANGUAGE sql STABLE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT s.schemaname, s.relname, s.n_live_tup
      FROM pg_catalog.pg_stat_user_tables AS s
     ORDER BY s.n_live_tup DESC, 1, 2
$$;
COMMENT ON FUNCTION diag.records_rank() IS
    'Estimated live rows per table (each partition on its own), most first (pg-extras records_rank).';

REVOKE ALL ON FUNCTION diag.system_stats(), diag.table_sizes(), diag.database_info(), diag.cache_hit(),
                       diag.index_usage(), diag.unused_indexes(bigint, bigint), diag.duplicate_indexes(),
                       diag.bloat(), diag.vacuum_stats(), diag.seq_scans(), diag.records_rank() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION diag.system_stats(), diag.table_sizes(), diag.database_info(), diag.cache_hit(),
                          diag.index_usage(), diag.unused_indexes(bigint, bigint), diag.duplicate_indexes(),
                          diag.bloat(), diag.vacuum_stats(), diag.seq_scans(), diag.records_rank() TO chain_monitor;
