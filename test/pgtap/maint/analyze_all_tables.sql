-- pgTAP: maint/analyze_all_tables — maint.analyze_all_tables(): ANALYZE of every table of ours.
BEGIN;
SELECT plan(10);

SELECT tests.function_conventions('maint.analyze_all_tables()');
SELECT is((SELECT proconfig FROM pg_catalog.pg_proc WHERE oid = 'maint.analyze_all_tables()'::regprocedure),
          ARRAY['search_path=pg_catalog, pg_temp', 'lock_timeout=5s'], 'maint.analyze_all_tables(): search_path pinned, lock_timeout 5s');
SET LOCAL ROLE chain_owner;
CREATE TABLE maint.tmp_an (id int);
RESET ROLE;
INSERT INTO maint.tmp_an SELECT pg_catalog.generate_series(1, 500);
SELECT is((SELECT reltuples FROM pg_catalog.pg_class WHERE oid = 'maint.tmp_an'::regclass), -1::real,
          'maint.analyze_all_tables(): (a new table has no statistics yet)');
CREATE TEMP TABLE analyzed ON COMMIT DROP AS SELECT * FROM maint.analyze_all_tables();
SELECT ok((SELECT pg_catalog.bool_and(status = 'ok') FROM analyzed), 'maint.analyze_all_tables(): every table analyzed');
SELECT ok((SELECT pg_catalog.count(*) > 20 FROM analyzed), 'maint.analyze_all_tables(): one row per table of every schema');
SELECT ok(EXISTS (SELECT 1 FROM analyzed WHERE table_name = 'ops.system_metrics'::regclass)
          AND NOT EXISTS (SELECT 1 FROM analyzed WHERE table_name = 'ops.system_metrics_default'::regclass),
          'maint.analyze_all_tables(): a partitioned table once (ANALYZE recurses into its partitions)');
SELECT is((SELECT reltuples FROM pg_catalog.pg_class WHERE oid = 'maint.tmp_an'::regclass), 500::real,
          'maint.analyze_all_tables(): statistics are gathered (reltuples of a new table)');

SELECT * FROM finish();
ROLLBACK;
