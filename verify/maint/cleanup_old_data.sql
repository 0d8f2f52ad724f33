-- Verify chaindb:maint/cleanup_old_data on pg

BEGIN;
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SELECT 1 / pg_catalog.count(*) FROM pg_catalog.pg_proc
 WHERE oid = 'maint.cleanup_old_data(boolean, jsonb)'::regprocedure AND prokind = 'p';
SELECT 'maint.retire_partition(bigint, regclass, timestamptz, timestamptz)'::regprocedure,
       'maint.retention_batch(bigint, regclass, timestamptz, boolean)'::regprocedure,
       'maint.expire_archive(bigint, timestamptz, boolean)'::regprocedure,
       'maint.retention_partitions(bigint, timestamptz)'::regprocedure;
SELECT 1 / (NOT pg_catalog.has_function_privilege('public', 'maint.cleanup_old_data(boolean, jsonb)', 'EXECUTE'))::int;

-- archiving never widens who may read what (roles/archive/schema.sql): a partition archived by
-- maint.retire_partition gives chain_analytics only the columns it reads on the source table, and
-- drops the grants it had as a partition (chain_app's, as a schema's default privileges give them).
-- Scratch objects, rolled back with the verify; the rule's id is forced so no sequence value is used.
CREATE TABLE maint.verify_archive_acl (id int, at timestamptz NOT NULL, secret text, PRIMARY KEY (id, at))
    PARTITION BY RANGE (at);
CREATE TABLE maint.verify_archive_acl_p2000_01 PARTITION OF maint.verify_archive_acl
    FOR VALUES FROM ('2000-01-01 00:00:00+00') TO ('2000-02-01 00:00:00+00');
GRANT SELECT (id, at) ON TABLE maint.verify_archive_acl TO chain_analytics;
GRANT SELECT ON TABLE maint.verify_archive_acl_p2000_01 TO chain_analytics, chain_app;
INSERT INTO ops.retention_policies (id, table_name, rule_name, time_column, keep_hot, action, note) OVERRIDING SYSTEM VALUE
VALUES (-1, 'maint.verify_archive_acl', 'verify', 'at', interval '1 day', 'archive', 'verify of maint/cleanup_old_data');
SELECT 1 / (maint.retire_partition(-1, 'maint.verify_archive_acl_p2000_01', '2000-01-01 00:00:00+00', '2000-02-01 00:00:00+00')
            = 'archived')::int;
SELECT 1 / (pg_catalog.has_column_privilege('chain_analytics', 'archive.verify_archive_acl_p2000_01', 'id', 'SELECT')
            AND NOT pg_catalog.has_column_privilege('chain_analytics', 'archive.verify_archive_acl_p2000_01', 'secret', 'SELECT')
            AND pg_catalog.has_table_privilege('chain_auditor', 'archive.verify_archive_acl_p2000_01', 'SELECT')
            AND NOT pg_catalog.has_any_column_privilege('chain_app', 'archive.verify_archive_acl_p2000_01', 'SELECT'))::int;

ROLLBACK;
