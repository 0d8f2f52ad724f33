-- pgTAP: archive/rows — archive.rows (rows archived as JSON) and archive.partitions (moved partitions);
-- archiving never widens access: archive.analytics_columns(), archive.analytics_sources() and the
-- RLS of archive.rows (chain_analytics sees the rows of the sources it reads fully).
BEGIN;
SELECT plan(77);  -- 41 structure and constraints, 8 + 28 archive access

SELECT has_table('archive', 'rows', 'archive.rows: exists');
SELECT table_owner_is('archive', 'rows', 'chain_owner', 'archive.rows: owned by chain_owner');
SELECT ok(pg_catalog.obj_description('archive.rows'::regclass, 'pg_class') IS NOT NULL, 'archive.rows: has a comment');
SELECT columns_are('archive', 'rows', ARRAY['id', 'source', 'rule_id', 'record_pk', 'row_data', 'row_time', 'archived_at'],
                   'archive.rows: exactly these columns');
SELECT ok(pg_catalog.col_description('archive.rows'::regclass, a.attnum) IS NOT NULL,
          'archive.rows.' || a.attname || ': ' || pg_catalog.format_type(a.atttypid, a.atttypmod) || ', has a comment')
  FROM pg_catalog.pg_attribute AS a WHERE a.attrelid = 'archive.rows'::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum;
SELECT col_is_pk('archive', 'rows', 'id', 'archive.rows.rows_pkey: id');
SELECT col_is_unique('archive', 'rows', ARRAY['source', 'record_pk'], 'archive.rows.rows_source_record_pk_key: (source, record_pk)');
SELECT has_index('archive', 'rows', 'rows_source_row_time_idx', ARRAY['source', 'row_time'], 'archive.rows.rows_source_row_time_idx: (source, row_time)');
SELECT table_privs_are('archive', 'rows', r, ARRAY['SELECT'], 'archive.rows: ' || r || ' may only read')
  FROM pg_catalog.unnest(ARRAY['chain_auditor', 'chain_analytics']) AS r;
SELECT table_privs_are('archive', 'rows', r, ARRAY[]::text[], 'archive.rows: ' || r || ' has nothing')
  FROM pg_catalog.unnest(ARRAY['chain_app', 'chain_user', 'chain_readonly', 'public']) AS r;

SELECT has_table('archive', 'partitions', 'archive.partitions: exists');
SELECT ok(pg_catalog.obj_description('archive.partitions'::regclass, 'pg_class') IS NOT NULL, 'archive.partitions: has a comment');
SELECT columns_are('archive', 'partitions', ARRAY['partition', 'source', 'rule_id', 'range_start', 'range_end', 'row_count', 'archived_at'],
                   'archive.partitions: exactly these columns');
SELECT ok(pg_catalog.col_description('archive.partitions'::regclass, a.attnum) IS NOT NULL,
          'archive.partitions.' || a.attname || ': ' || pg_catalog.format_type(a.atttypid, a.atttypmod) || ', has a comment')
  FROM pg_catalog.pg_attribute AS a WHERE a.attrelid = 'archive.partitions'::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum;
SELECT col_is_pk('archive', 'partitions', 'partition', 'archive.partitions.partitions_pkey: partition');
SELECT has_index('archive', 'partitions', 'partitions_source_range_end_idx', ARRAY['source', 'range_end'],
                 'archive.partitions.partitions_source_range_end_idx: (source, range_end)');
SELECT table_privs_are('archive', 'partitions', 'chain_auditor', ARRAY['SELECT'], 'archive.partitions: chain_auditor may only read');

-- constraints
INSERT INTO archive.rows (source, record_pk, row_data, row_time) VALUES ('ops.x', '{"id": 1}', '{"id": 1}', now());
SELECT throws_ok($$INSERT INTO archive.rows (source, record_pk, row_data, row_time) VALUES ('ops.x', '{"id": 1}', '{"id": 1}', now())$$,
                 '23505', NULL, 'archive.rows.rows_source_record_pk_key: a source row is archived once');
SELECT throws_ok($$INSERT INTO archive.rows (source, record_pk, row_data, row_time) VALUES ('ops.x', '[1]', '{"id": 2}', now())$$,
                 '23514', NULL, 'archive.rows.rows_record_pk_check: rejects a key that is not an object');
SELECT throws_ok($$INSERT INTO archive.rows (source, record_pk, row_data, row_time) VALUES ('ops.x', '{"id": 3}', '3', now())$$,
                 '23514', NULL, 'archive.rows.rows_row_data_check: rejects a row that is not an object');
SELECT throws_ok($$INSERT INTO archive.partitions (partition, source, range_start, range_end, row_count)
                   VALUES ('archive.rows', 'ops.x', '2024-02-01', '2024-01-01', 0)$$,
                 '23514', NULL, 'archive.partitions.partitions_range_check: rejects an empty range');
SELECT throws_ok($$INSERT INTO archive.partitions (partition, source, range_start, range_end, row_count)
                   VALUES ('archive.rows', 'ops.x', '2024-01-01', '2024-02-01', -1)$$,
                 '23514', NULL, 'archive.partitions.partitions_row_count_check: rejects a negative count');
SELECT tests.act_as_role('chain_auditor');
SELECT is((SELECT pg_catalog.count(*)::int FROM archive.rows WHERE source = 'ops.x'), 1, 'archive.rows: chain_auditor reads the archive');
SELECT throws_ok($$DELETE FROM archive.rows$$, '42501', NULL, 'archive.rows: chain_auditor cannot delete archived rows');
SELECT tests.act_as_role('chain_app');
SELECT throws_ok($$SELECT * FROM archive.rows$$, '42501', NULL, 'archive.rows: chain_app cannot read the archive');
SELECT tests.reset_role();

-- archiving never widens access (roles/archive/schema.sql)
SELECT tests.function_conventions('archive.analytics_columns(regclass)');                      -- 4
SELECT tests.function_conventions('archive.analytics_sources()');                              -- 4
SELECT function_privs_are('archive', 'analytics_columns', ARRAY['regclass'], 'chain_analytics', ARRAY['EXECUTE'],
                          'archive.analytics_columns(): chain_analytics may call it (archive.analytics_sources() does)');
SELECT function_privs_are('archive', 'analytics_sources', ARRAY[]::name[], 'chain_analytics', ARRAY['EXECUTE'],
                          'archive.analytics_sources(): chain_analytics may call it (its policy does)');
SELECT is((SELECT provolatile::text || prosecdef::text FROM pg_catalog.pg_proc WHERE oid = 'archive.analytics_sources()'::regprocedure),
          'sfalse', 'archive.analytics_sources(): STABLE, SECURITY INVOKER (catalogs only)');
SELECT ok((SELECT relrowsecurity AND relforcerowsecurity FROM pg_catalog.pg_class WHERE oid = 'archive.rows'::regclass),
          'archive.rows: row-level security enabled and forced (the owner too, as on every table of ours)');
SELECT policies_are('archive', 'rows', ARRAY['rows_select_auditor', 'rows_select_analytics', 'rows_select_owner',
                                             'rows_insert_owner', 'rows_update_owner', 'rows_delete_owner'],
                    'archive.rows: policies (auditor and analytics read, owner reads and writes)');
SELECT is((SELECT pg_catalog.count(*)::int FROM pg_catalog.pg_policy AS p WHERE p.polrelid = 'archive.rows'::regclass
             AND pg_catalog.obj_description(p.oid, 'pg_policy') IS NULL), 0,
          'archive.rows: rows_select_auditor, rows_select_analytics, rows_select_owner, rows_insert_owner, rows_update_owner, rows_delete_owner have comments');
SELECT policy_roles_are('archive', 'rows', 'rows_select_analytics', ARRAY['chain_analytics'],
                        'archive.rows.rows_select_analytics: for chain_analytics only');
SELECT policy_roles_are('archive', 'rows', 'rows_select_auditor', ARRAY['chain_auditor'],
                        'archive.rows.rows_select_auditor: for chain_auditor only');
SELECT table_privs_are('archive', 'partitions', 'chain_analytics', ARRAY['SELECT'],
                       'archive.partitions: chain_analytics may only read (the catalog holds no source data)');

-- sources: fully readable, some columns hidden, RLS without a policy for chain_analytics
SET LOCAL ROLE chain_owner;
CREATE TABLE ops.tmp_open (id int PRIMARY KEY, at timestamptz);
CREATE TABLE ops.tmp_hidden (id int PRIMARY KEY, at timestamptz, secret text);
REVOKE SELECT ON ops.tmp_hidden FROM chain_analytics;
GRANT SELECT (id, at) ON ops.tmp_hidden TO chain_analytics;
CREATE TABLE ops.tmp_rls (id int PRIMARY KEY);
ALTER TABLE ops.tmp_rls ENABLE ROW LEVEL SECURITY;
CREATE TABLE ops.tmp_none (id int PRIMARY KEY);
REVOKE ALL ON ops.tmp_none FROM chain_analytics;
RESET ROLE;
SELECT is(archive.analytics_columns('ops.tmp_open'), ARRAY['id', 'at']::name[], 'archive.analytics_columns(): a table grant gives every column');
SELECT is(archive.analytics_columns('ops.tmp_hidden'), ARRAY['id', 'at']::name[], 'archive.analytics_columns(): a column grant gives those columns');
SELECT is(archive.analytics_columns('ops.tmp_none'), ARRAY[]::name[], 'archive.analytics_columns(): no privilege gives none');
SELECT is(archive.analytics_columns('ops.tmp_rls'), ARRAY[]::name[],
          'archive.analytics_columns(): none when row-level security shows chain_analytics no row');
SET LOCAL ROLE chain_owner;
CREATE POLICY tmp_rls_select_analytics ON ops.tmp_rls FOR SELECT TO chain_analytics USING (true);
RESET ROLE;
SELECT is(archive.analytics_columns('ops.tmp_rls'), ARRAY['id']::name[],
          'archive.analytics_columns(): every column when a policy shows chain_analytics every row');
SET LOCAL ROLE chain_owner;
CREATE POLICY tmp_rls_narrow ON ops.tmp_rls AS RESTRICTIVE FOR SELECT TO PUBLIC USING (id > 0);
RESET ROLE;
SELECT is(archive.analytics_columns('ops.tmp_rls'), ARRAY[]::name[],
          'archive.analytics_columns(): none when a restrictive policy may hide rows from chain_analytics');
SELECT is(archive.analytics_columns(NULL), NULL, 'archive.analytics_columns(): NULL for no table (a dropped source)');
SELECT ok('ops.tmp_open' = ANY (archive.analytics_sources()), 'archive.analytics_sources(): a fully readable table');
SELECT ok(NOT archive.analytics_sources() && ARRAY['ops.tmp_hidden', 'ops.tmp_none', 'ops.tmp_rls', 'memory.audit_logs'],
          'archive.analytics_sources(): never a table with a column or row hidden from chain_analytics');
SELECT ok(archive.analytics_sources() @> ARRAY['ops.backfill_jobs', 'ops.insight_feedback', 'ops.system_metrics'],
          'archive.analytics_sources(): the archive-row sources chain_analytics reads today');

INSERT INTO archive.rows (source, record_pk, row_data, row_time) VALUES
    ('ops.tmp_open', '{"id": 1}', '{"id": 1, "at": null}', now()),
    ('ops.tmp_hidden', '{"id": 1}', '{"id": 1, "at": null, "secret": "s"}', now()),
    ('memory.audit_logs', '{"id": 1, "timestamp": "2020-01-01T00:00:00+00:00"}', '{"id": 1, "ip_address": "10.0.0.1"}', now()),
    ('ops.gone', '{"id": 1}', '{"id": 1}', now());
SELECT tests.act_as_role('chain_analytics');
SELECT results_eq($$SELECT source FROM archive.rows ORDER BY source$$, ARRAY['ops.tmp_open'],
                  'archive.rows.rows_select_analytics: chain_analytics sees only rows of sources whose every column and row it reads');
SELECT is_empty($$SELECT 1 FROM archive.rows WHERE source = 'memory.audit_logs'$$,
                'archive.rows.rows_select_analytics: no archived memory.audit_logs row (ip_address hidden from chain_analytics)');
SELECT is_empty($$SELECT 1 FROM archive.rows WHERE source = 'ops.gone'$$,
                'archive.rows.rows_select_analytics: rows of a source that no longer exists stay hidden');
SELECT tests.act_as_role('chain_auditor');
SELECT results_eq($$SELECT source FROM archive.rows ORDER BY source$$,
                  ARRAY['memory.audit_logs', 'ops.gone', 'ops.tmp_hidden', 'ops.tmp_open', 'ops.x'],
                  'archive.rows.rows_select_auditor: chain_auditor sees every archived row');
-- chain_owner writes as maint does: forced RLS binds it, its policies let it
SELECT tests.act_as_role('chain_owner');
SELECT lives_ok($$INSERT INTO archive.rows (source, record_pk, row_data, row_time) VALUES ('ops.tmp_open', '{"id": 1}', '{"id": 1}', now())
                  ON CONFLICT (source, record_pk) DO UPDATE SET row_data = EXCLUDED.row_data$$,
                'archive.rows.rows_insert_owner: chain_owner archives and re-archives (rows_update_owner) a row');
SELECT is((SELECT pg_catalog.count(*)::int FROM archive.rows), 5, 'archive.rows.rows_select_owner: chain_owner reads every row');
DELETE FROM archive.rows WHERE source = 'ops.gone';
SELECT is((SELECT pg_catalog.count(*)::int FROM archive.rows WHERE source = 'ops.gone'), 0,
          'archive.rows.rows_delete_owner: chain_owner expires archived rows');
SELECT tests.reset_role();
-- a column granted later to chain_analytics is no longer hidden: the policy follows the source at once
GRANT SELECT ON ops.tmp_hidden TO chain_analytics;
SELECT tests.act_as_role('chain_analytics');
SELECT is((SELECT pg_catalog.count(*)::int FROM archive.rows WHERE source = 'ops.tmp_hidden'), 1,
          'archive.rows.rows_select_analytics: follows the source''s privileges (a table grant shows its rows)');
SELECT tests.reset_role();
-- reading one source is index-served for chain_analytics (the policy's InitPlan is an index condition)
INSERT INTO archive.rows (source, record_pk, row_data, row_time)
SELECT (ARRAY['ops.backfill_jobs', 'memory.audit_logs', 'ops.insight_feedback', 'ops.gone'])[1 + g % 4],
       pg_catalog.jsonb_build_object('id', g), pg_catalog.jsonb_build_object('id', g), now() - g * interval '1 minute'
  FROM pg_catalog.generate_series(1, 100000) AS g;
ANALYZE archive.rows;
SELECT tests.act_as_role('chain_analytics');
SELECT tests.uses_index($$SELECT * FROM archive.rows WHERE source = 'ops.backfill_jobs'$$, 'archive.rows_source_row_time_idx',
                        'archive.rows.rows_select_analytics: chain_analytics reads one source through rows_source_row_time_idx');
SELECT tests.reset_role();

SELECT * FROM finish();
ROLLBACK;
