-- pgTAP: diag — exactly these objects of ours (an unexpected one fails); the members of the
-- pg_stat_statements extension installed here are not ours and are left out.
BEGIN;
SELECT plan(5);

SELECT is((SELECT pg_catalog.array_agg(c.relname::text ORDER BY c.relname) FROM pg_catalog.pg_class AS c
            WHERE c.relnamespace = 'diag'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
              AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend AS d WHERE d.classid = 'pg_class'::regclass
                              AND d.objid = c.oid AND d.deptype = 'e')),
          ARRAY['health_thresholds', 'index_allowlist'], 'diag: tables and views');
SELECT is((SELECT pg_catalog.array_agg(p.proname::text ORDER BY p.proname) FROM pg_catalog.pg_proc AS p
            WHERE p.pronamespace = 'diag'::regnamespace
              AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend AS d WHERE d.classid = 'pg_proc'::regclass
                              AND d.objid = p.oid AND d.deptype = 'e')),
          ARRAY['bloat', 'blocking', 'cache_hit', 'calls', 'connections', 'database_info', 'duplicate_indexes', 'health',
                'index_usage', 'locks', 'long_running_queries', 'matview_freshness', 'migration_status', 'partition_health',
                'ready', 'records_rank', 'seq_scans', 'slow_statements', 'system_stats', 'table_sizes', 'unused_indexes',
                'vacuum_stats', 'visible_query'], 'diag: functions');
SELECT enums_are('diag', ARRAY[]::name[], 'diag: enums');
SELECT domains_are('diag', ARRAY[]::name[], 'diag: domains');
SELECT sequences_are('diag', ARRAY[]::name[], 'diag: sequences');

SELECT * FROM finish();
ROLLBACK;
