-- pgTAP: maint/partitions — maint.ensure_partitions() and maint.drop_partitions_older_than().
BEGIN;
SELECT plan(24);

SELECT has_function('maint', 'ensure_partitions', ARRAY['regclass', 'integer'], 'maint.ensure_partitions(): exists');
SELECT function_returns('maint', 'ensure_partitions', ARRAY['regclass', 'integer'], 'setof record',
                        'maint.ensure_partitions(): returns a table');
SELECT is_definer('maint', 'ensure_partitions', ARRAY['regclass', 'integer'], 'maint.ensure_partitions(): security definer');
SELECT is((SELECT proconfig FROM pg_catalog.pg_proc WHERE oid = 'maint.ensure_partitions(regclass, int)'::regprocedure),
          ARRAY['search_path=pg_catalog, pg_temp', 'lock_timeout=5s', 'TimeZone=UTC'],
          'maint.ensure_partitions(): search_path pinned, lock_timeout 5s, TimeZone UTC');
SELECT function_privs_are('maint', 'ensure_partitions', ARRAY['regclass', 'integer'], 'public', ARRAY[]::text[],
                          'maint.ensure_partitions(): PUBLIC cannot execute');
SELECT has_function('maint', 'drop_partitions_older_than', ARRAY['regclass', 'interval'], 'maint.drop_partitions_older_than(): exists');
SELECT is_definer('maint', 'drop_partitions_older_than', ARRAY['regclass', 'interval'], 'maint.drop_partitions_older_than(): security definer');
SELECT is((SELECT proconfig FROM pg_catalog.pg_proc WHERE oid = 'maint.drop_partitions_older_than(regclass, interval)'::regprocedure),
          ARRAY['search_path=pg_catalog, pg_temp', 'lock_timeout=5s', 'TimeZone=UTC'],
          'maint.drop_partitions_older_than(): search_path pinned, lock_timeout 5s, TimeZone UTC');
SELECT function_privs_are('maint', 'drop_partitions_older_than', ARRAY['regclass', 'interval'], 'public', ARRAY[]::text[],
                          'maint.drop_partitions_older_than(): PUBLIC cannot execute');

-- a scratch parent owned by chain_owner (the functions run as chain_owner)
SET LOCAL ROLE chain_owner;
CREATE TABLE maint.tmp_metrics (id bigint, at timestamptz NOT NULL, PRIMARY KEY (id, at)) PARTITION BY RANGE (at);
CREATE TABLE maint.tmp_flat (at timestamptz);
RESET ROLE;

SET LOCAL TimeZone = 'America/New_York';  -- the functions must not care
CREATE TEMP TABLE created ON COMMIT DROP AS SELECT * FROM maint.ensure_partitions('maint.tmp_metrics', 2) WHERE range_start IS NOT NULL;
SELECT is((SELECT pg_catalog.count(*)::int FROM created), 3, 'maint.ensure_partitions(): creates this month and 2 ahead');
SELECT is((SELECT pg_catalog.min(range_start) FROM created), pg_catalog.date_trunc('month', pg_catalog.now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC',
          'maint.ensure_partitions(): starts at the current UTC month');
SELECT is((SELECT partition_name FROM created ORDER BY range_start LIMIT 1),
          'maint.tmp_metrics_p' || pg_catalog.to_char(pg_catalog.now() AT TIME ZONE 'UTC', 'YYYY_MM'),
          'maint.ensure_partitions(): names <table>_pYYYY_MM in the parent''s schema');
SET LOCAL TimeZone = 'UTC';  -- read the bounds back as the renderer writes them
SELECT is((SELECT pg_catalog.pg_get_expr(c.relpartbound, c.oid) FROM pg_catalog.pg_class AS c
            WHERE c.oid = ('maint.tmp_metrics_p' || pg_catalog.to_char(pg_catalog.now() AT TIME ZONE 'UTC', 'YYYY_MM'))::regclass),
          pg_catalog.format('FOR VALUES FROM (%L) TO (%L)',
              pg_catalog.to_char(pg_catalog.date_trunc('month', pg_catalog.now() AT TIME ZONE 'UTC'), 'YYYY-MM-DD HH24:MI:SS') || '+00',
              pg_catalog.to_char(pg_catalog.date_trunc('month', pg_catalog.now() AT TIME ZONE 'UTC') + interval '1 month', 'YYYY-MM-DD HH24:MI:SS') || '+00'),
          'maint.ensure_partitions(): bounds are UTC month starts');
SELECT is((SELECT pg_catalog.count(*)::int FROM maint.ensure_partitions('maint.tmp_metrics', 2)), 0,
          'maint.ensure_partitions(): a second run creates nothing');
SELECT is((SELECT pg_catalog.count(*)::int FROM maint.ensure_partitions('maint.tmp_metrics', 4)), 2,
          'maint.ensure_partitions(): a longer horizon adds only the missing months');
SELECT is((SELECT pg_catalog.count(*)::int FROM pg_catalog.pg_inherits WHERE inhparent = 'maint.tmp_metrics'::regclass), 6,
          'maint.ensure_partitions(): the parent has 5 monthly partitions and its DEFAULT one');
SELECT ok((SELECT pg_catalog.bool_and(c.relowner = 'chain_owner'::regrole) FROM pg_catalog.pg_inherits AS i
             JOIN pg_catalog.pg_class AS c ON c.oid = i.inhrelid WHERE i.inhparent = 'maint.tmp_metrics'::regclass),
          'maint.ensure_partitions(): partitions are owned by chain_owner, whoever calls');
SELECT throws_ok($$SELECT * FROM maint.ensure_partitions('maint.tmp_flat')$$, '42809', NULL,
                 'maint.ensure_partitions(): refuses a table that is not range-partitioned');
SELECT throws_ok($$SELECT * FROM maint.ensure_partitions('maint.tmp_metrics', -1)$$, '22023', NULL,
                 'maint.ensure_partitions(): refuses a negative horizon');

-- retention: an old partition by hand, the Jinja renderer's statement form
SET LOCAL ROLE chain_owner;
CREATE TABLE IF NOT EXISTS maint.tmp_metrics_p2020_01 PARTITION OF maint.tmp_metrics
    FOR VALUES FROM ('2020-01-01 00:00:00+00') TO ('2020-02-01 00:00:00+00');
RESET ROLE;
INSERT INTO maint.tmp_metrics VALUES (1, '2020-01-15'), (2, pg_catalog.now());
SELECT results_eq($$SELECT partition_name, action FROM maint.drop_partitions_older_than('maint.tmp_metrics', '1 year')$$,
                  $$VALUES ('maint.tmp_metrics_p2020_01'::text, 'dropped'::text)$$,
                  'maint.drop_partitions_older_than(): detaches and drops the partitions past retention');
SELECT hasnt_table('maint', 'tmp_metrics_p2020_01', 'maint.drop_partitions_older_than(): the old partition is gone');
SELECT is((SELECT pg_catalog.count(*)::int FROM maint.tmp_metrics), 1, 'maint.drop_partitions_older_than(): newer rows stay');
SELECT is_empty($$SELECT * FROM maint.drop_partitions_older_than('maint.tmp_metrics', '1 year')$$,
                'maint.drop_partitions_older_than(): nothing more to drop');
SELECT throws_ok($$SELECT * FROM maint.drop_partitions_older_than('maint.tmp_metrics', '-1 day')$$, '22023', NULL,
                 'maint.drop_partitions_older_than(): refuses a negative interval');

SELECT * FROM finish();
ROLLBACK;
