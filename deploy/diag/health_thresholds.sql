-- Deploy chaindb:diag/health_thresholds to pg
-- requires: diag/schema

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SET LOCAL ROLE chain_owner;

CREATE TABLE diag.health_thresholds (
    check_name  text PRIMARY KEY CHECK (check_name ~ '^[a-z][a-z0-9_]{0,62}$'),
    direction   text NOT NULL CHECK (direction IN ('above', 'below')),
    warning     numeric NULL,
    critical    numeric NULL,
    unit        text NOT NULL CHECK (unit <> ''),
    enabled     boolean NOT NULL DEFAULT true,
    description text NOT NULL CHECK (description <> ''),
    updated_at  timestamptz NOT NULL DEFAULT pg_catalog.now(),
    CONSTRAINT health_thresholds_order_check CHECK (
        warning IS NULL OR critical IS NULL
        OR (direction = 'above' AND critical >= warning)
        OR (direction = 'below' AND critical <= warning))
);

CREATE TRIGGER health_thresholds_set_updated_at BEFORE UPDATE ON diag.health_thresholds
    FOR EACH ROW EXECUTE FUNCTION core.set_updated_at();

COMMENT ON TABLE diag.health_thresholds IS
    'One row per diag.health() check: its warning and critical levels; an operator edits them (chain_monitor may UPDATE warning, critical, enabled).';
COMMENT ON COLUMN diag.health_thresholds.check_name IS 'The check_name diag.health() reports.';
COMMENT ON COLUMN diag.health_thresholds.direction IS
    '''above'': the check is bad when its value is above the level (value > warning → warning); ''below'': when below it.';
COMMENT ON COLUMN diag.health_thresholds.warning IS 'Level past which the check reports warning; NULL: never warning.';
COMMENT ON COLUMN diag.health_thresholds.critical IS 'Level past which the check reports critical; NULL: never critical.';
COMMENT ON COLUMN diag.health_thresholds.unit IS 'Unit of the value and of both levels.';
COMMENT ON COLUMN diag.health_thresholds.enabled IS 'false: diag.health() reports the check as skipped.';
COMMENT ON CONSTRAINT health_thresholds_order_check ON diag.health_thresholds IS
    'critical is at least as far from good as warning (above: critical >= warning; below: critical <= warning).';

-- Defaults: check_postgres's warning/critical levels and ruby-pg-extras' diagnose where they
-- exist (cache hit 0.985 / 0.94, backends 90 % / 95 %, wraparound 1.3e9 / 1.4e9 xids, lock
-- wait 1 / 2 min, long transactions 5 min), this package's own conventions for the rest.
INSERT INTO diag.health_thresholds (check_name, direction, warning, critical, unit, description) VALUES
    ('cache_hit_ratio',       'below', 0.985,      0.94,       'ratio',
     'Share of block reads of this database served from shared buffers (judged after 1000 reads).'),
    ('connections',           'above', 90,         95,         'percent',
     'Client connections of the cluster against max_connections less the reserved superuser slots.'),
    ('role_connections',      'above', 80,         99,         'percent',
     'The fullest chain_* login role against its connection limit (at the limit, its next connection is refused).'),
    ('xid_wraparound',        'above', 1300000000, 1400000000, 'xids',
     'Age of the oldest datfrozenxid of the cluster (wraparound stops writes at about 2.1e9).'),
    ('long_transactions',     'above', 300,        1800,       'seconds',
     'The oldest open transaction of another session of this database.'),
    ('idle_in_transaction',   'above', 60,         300,        'seconds',
     'The longest a session of this database has sat idle inside a transaction.'),
    ('blocked_sessions',      'above', 60,         120,        'seconds',
     'The longest a session of this database has waited on a lock another session holds.'),
    ('prepared_transactions', 'above', 300,        3600,       'seconds',
     'The oldest prepared (two-phase) transaction of this database.'),
    ('invalid_indexes',       'above', 0,          NULL,       'indexes',
     'Indexes left invalid (a failed CREATE INDEX CONCURRENTLY or REINDEX).'),
    ('partitions_ahead',      'below', 2,          1,          'months',
     'The fewest whole months after the current one that a monthly partitioned table covers (-1: not even this month).'),
    ('partition_gaps',        'above', 0,          NULL,       'gaps',
     'Holes between the range partitions of a partitioned table (rows there land in DEFAULT or fail).'),
    ('default_partition_rows','above', 0,          1000,       'rows',
     'Rows sitting in DEFAULT partitions (counted up to 1001): a missing partition caught them.'),
    ('matview_age',           'above', 2,          4,          'cadences',
     'The stalest registered materialized view: time since its last refresh in units of its cadence.'),
    ('retention_overdue',     'above', 0,          NULL,       'policies',
     'Retention policies with rows older than their window plus a day (cleanup has not run).'),
    ('scheduler',             'below', 1,          NULL,       'jobs',
     'pg_cron present and running, with jobs scheduled (counted from its statistics: job rows are private to whoever scheduled them).'),
    ('archiver',              'above', 0,          NULL,       'failures',
     'WAL archiving failing: the last archive attempt failed (archive_mode on).'),
    ('replication_lag',       'above', 30,         300,        'seconds',
     'Replay lag of the slowest standby, or of this server when it is a standby.'),
    ('migrations',            'above', 0,          1,          'state',
     'The Sqitch registry: 0 deployed, 1 changes reverted (the plan is ahead of the database), 2 the last deploy failed.');

\ir ../../roles/diag/health_thresholds.sql

COMMIT;
