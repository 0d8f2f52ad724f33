-- Deploy chaindb:ops/system_metrics to pg
-- requires: ops/schema
-- requires: ops/retention_policies
-- requires: core/backend_access
-- requires: maint/partitions

-- squawk-ignore-file prefer-text-field -- seed 003 declares these columns VARCHAR(n) and its clients bind them so; the length is the check
BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SET LOCAL ROLE chain_owner;

-- Seed 003 "system_metrics", column for column, partitioned by month on "timestamp".
-- Decisions: TIMESTAMP → timestamptz (D-O1; maint.ensure_partitions keeps timestamptz keys);
-- PRIMARY KEY (id, "timestamp") since a unique key of a partitioned table must contain the
-- partition key (the seed's id-only key cannot exist; uniqueness of id rests on UUIDv4);
-- partitions are named system_metrics_pYYYY_MM (D-O3; the seed's example is system_metrics_2024_01).
-- No triggers, audit or change feed: a batch insert every 60 s (seed), kept cheap.
CREATE TABLE ops.system_metrics (
    id               uuid NOT NULL DEFAULT pg_catalog.gen_random_uuid(),
    service_name     varchar(100) NOT NULL,
    metric_type      varchar(50) NOT NULL,
    metric_value     double precision NOT NULL,
    unit             varchar(20) NOT NULL,
    "timestamp"      timestamptz NOT NULL DEFAULT pg_catalog.now(),
    metric_metadata  jsonb,
    CONSTRAINT system_metrics_pkey PRIMARY KEY (id, "timestamp"),
    CONSTRAINT system_metrics_metric_value_check CHECK (metric_value NOT IN ('NaN', 'Infinity', '-Infinity')),
    CONSTRAINT system_metrics_metric_metadata_check CHECK (
        metric_metadata IS NULL OR pg_catalog.jsonb_typeof(metric_metadata) = 'object')
) PARTITION BY RANGE ("timestamp");
CREATE INDEX idx_metrics_service_time ON ops.system_metrics (service_name, "timestamp");
CREATE INDEX idx_metrics_type_time ON ops.system_metrics (metric_type, "timestamp");
CREATE INDEX idx_metrics_timestamp ON ops.system_metrics ("timestamp");

COMMENT ON TABLE ops.system_metrics IS 'utxoIQ (seed 003 system_metrics): time-series of system monitoring, batch-inserted every 60 s. Partitioned by month on "timestamp": partitions system_metrics_pYYYY_MM (D-O3; the seed writes system_metrics_2024_01) kept ahead by maint.ensure_partitions (the seed''s pg_partman), and a DEFAULT partition as a safety net. Retention: whole partitions past 90 days move to schema archive, dropped there after 1 more year (D-O5).';
COMMENT ON COLUMN ops.system_metrics.id IS 'Unique metric identifier (UUIDv4; the primary key is (id, "timestamp") because of partitioning).';
COMMENT ON COLUMN ops.system_metrics.service_name IS 'Service name (''web-api'', ''feature-engine'', …).';
COMMENT ON COLUMN ops.system_metrics.metric_type IS 'Metric type (''cpu'', ''memory'', ''latency'', …; an open set).';
COMMENT ON COLUMN ops.system_metrics.metric_value IS 'Metric value (a measurement: double precision, finite).';
COMMENT ON COLUMN ops.system_metrics.unit IS 'Unit of measurement (''percent'', ''ms'', ''bytes'').';
COMMENT ON COLUMN ops.system_metrics."timestamp" IS 'Metric time (seed TIMESTAMP, stored as timestamptz: D-O1); the partition key and the retention clock.';
COMMENT ON COLUMN ops.system_metrics.metric_metadata IS 'Additional metadata as a JSON object.';
COMMENT ON CONSTRAINT system_metrics_pkey ON ops.system_metrics IS 'The seed''s PRIMARY KEY (id), widened by the partition key (required on a partitioned table).';
COMMENT ON CONSTRAINT system_metrics_metric_value_check ON ops.system_metrics IS 'A measurement is a finite number (no NaN or infinity).';
COMMENT ON CONSTRAINT system_metrics_metric_metadata_check ON ops.system_metrics IS 'Metadata is a JSON object.';
COMMENT ON INDEX ops.idx_metrics_service_time IS 'Seed index: a service''s metrics over time (recent CPU, hourly latency, point in time).';
COMMENT ON INDEX ops.idx_metrics_type_time IS 'Seed index: one metric type over time (services with high CPU).';
COMMENT ON INDEX ops.idx_metrics_timestamp IS 'Seed index: metrics by time.';

\ir ../../roles/ops/system_metrics.sql

-- the partitions of this month and the next 3; later ones come from maint.ensure_partitions
DO $$ BEGIN PERFORM maint.ensure_partitions('ops.system_metrics', 3); END $$;

-- Seed 003: hot 90 days; "Cold Storage: 1 year"; "Deletion: after 1 year in cold storage". D-O5:
-- archived (moved to schema archive) at 90 days, dropped at 90 days + 1 year = 455 days of age,
-- following the retention-policy text rather than the usage text ("delete after 1 year").
INSERT INTO ops.retention_policies (table_name, time_column, keep_hot, action, keep_archived, batch_size, note) VALUES
    ('ops.system_metrics', 'timestamp', interval '90 days', 'archive', interval '1 year', 20000,
     'seed 003: hot 90 days, cold storage 1 year, deleted after 1 year in cold storage; D-O5: archived at 90 days, dropped at 455 days of age (retention-policy text, not the usage text''s 1 year)');

COMMIT;
