-- Deploy chaindb:archive/rows to pg
-- requires: archive/schema

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SET LOCAL ROLE chain_owner;

-- Decision D-O4: archived rows are JSON with their source and primary key (the seed's "Cloud
-- Storage, JSON format"; export with COPY (SELECT row_data FROM archive.rows WHERE source = …)).
-- Not partitioned (D-O4 suggested by archived_at): rows expire per rule by the age of their own
-- time column (row_time), which a partitioning by archive time would not follow.
CREATE TABLE archive.rows (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source       text NOT NULL,
    rule_id      bigint,
    record_pk    jsonb NOT NULL,
    row_data     jsonb NOT NULL,
    row_time     timestamptz NOT NULL,
    archived_at  timestamptz NOT NULL DEFAULT pg_catalog.now(),
    CONSTRAINT rows_source_record_pk_key UNIQUE (source, record_pk),
    CONSTRAINT rows_record_pk_check CHECK (pg_catalog.jsonb_typeof(record_pk) = 'object'),
    CONSTRAINT rows_row_data_check CHECK (pg_catalog.jsonb_typeof(row_data) = 'object')
);
CREATE INDEX rows_source_row_time_idx ON archive.rows (source, row_time);

COMMENT ON TABLE archive.rows IS 'Rows archived by the retention rules (ops.retention_policies, action archive), one per source row, as JSON; written by maint.cleanup_old_data in the same statement that deletes the source row (nothing lost, nothing twice). Expired per rule after keep_archived. RLS: chain_auditor reads every row, chain_analytics only the rows of sources whose every column and row it reads (archiving never widens access).';
COMMENT ON COLUMN archive.rows.id IS 'Identity.';
COMMENT ON COLUMN archive.rows.source IS 'The table the row came from, schema-qualified (text: it outlives the table).';
COMMENT ON COLUMN archive.rows.rule_id IS 'The ops.retention_policies rule that archived it (no foreign key: rules may be removed, archives stay).';
COMMENT ON COLUMN archive.rows.record_pk IS 'The row''s primary key as a JSON object, e.g. {"id": "…", "timestamp": "…"}.';
COMMENT ON COLUMN archive.rows.row_data IS 'The whole row as a JSON object (to_jsonb).';
COMMENT ON COLUMN archive.rows.row_time IS 'The value of the rule''s time column: the age that expires it (keep_hot + keep_archived).';
COMMENT ON COLUMN archive.rows.archived_at IS 'When it was archived.';
COMMENT ON CONSTRAINT rows_source_record_pk_key ON archive.rows IS 'A source row is archived once (a later archive of the same key replaces it).';
COMMENT ON CONSTRAINT rows_record_pk_check ON archive.rows IS 'The key is a JSON object.';
COMMENT ON CONSTRAINT rows_row_data_check ON archive.rows IS 'The row is a JSON object.';
COMMENT ON INDEX archive.rows_source_row_time_idx IS 'Expiry of one source''s archived rows by age.';

-- Whole partitions moved here (ALTER TABLE … SET SCHEMA archive) keep their name; this registry
-- says where each came from and which range it holds, so expiry does not parse names.
CREATE TABLE archive.partitions (
    partition    regclass PRIMARY KEY,
    source       text NOT NULL,
    rule_id      bigint,
    range_start  timestamptz NOT NULL,
    range_end    timestamptz NOT NULL,
    row_count    bigint NOT NULL,
    archived_at  timestamptz NOT NULL DEFAULT pg_catalog.now(),
    CONSTRAINT partitions_range_check CHECK (range_end > range_start),
    CONSTRAINT partitions_row_count_check CHECK (row_count >= 0)
);
CREATE INDEX partitions_source_range_end_idx ON archive.partitions (source, range_end);

COMMENT ON TABLE archive.partitions IS 'Partitions detached by the retention rules and moved to schema archive (whole months of a partitioned table); dropped with their row here when the rule''s keep_archived expires.';
COMMENT ON COLUMN archive.partitions.partition IS 'The archived table (archive.<table>_pYYYY_MM).';
COMMENT ON COLUMN archive.partitions.source IS 'The partitioned table it was detached from, schema-qualified.';
COMMENT ON COLUMN archive.partitions.rule_id IS 'The ops.retention_policies rule that moved it.';
COMMENT ON COLUMN archive.partitions.range_start IS 'Lower bound of its partition range (inclusive).';
COMMENT ON COLUMN archive.partitions.range_end IS 'Upper bound of its partition range (exclusive): the age that expires it.';
COMMENT ON COLUMN archive.partitions.row_count IS 'Rows it held when moved.';
COMMENT ON COLUMN archive.partitions.archived_at IS 'When it was moved.';
COMMENT ON CONSTRAINT partitions_range_check ON archive.partitions IS 'A range is not empty.';
COMMENT ON CONSTRAINT partitions_row_count_check ON archive.partitions IS 'A count is not negative.';
COMMENT ON INDEX archive.partitions_source_range_end_idx IS 'Expiry of one source''s archived partitions by range end.';

-- archiving never widens who may read what: chain_analytics reads an archived row only when it
-- reads the whole source row (archive.analytics_sources(), policy rows_select_analytics)
\ir ../../functions/archive/analytics_access.sql

\ir ../../roles/archive/rows.sql

COMMIT;
