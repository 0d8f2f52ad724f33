-- Deploy chaindb:ops/retention_policies to pg
-- requires: ops/schema
-- requires: core/set_updated_at
-- requires: audit/logs
-- requires: audit/system_events

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SET LOCAL ROLE chain_owner;

\ir ../../functions/ops/retention_policies.sql

-- One row per retention rule of every schema; maint.cleanup_old_data applies the enabled ones.
-- A table may carry several rules (memory.minting_queue: completed after 7 days, failed after 30),
-- told apart by rule_name. Rules for tables created later are loaded by the change that creates
-- the table (and deleted by its revert).
CREATE TABLE ops.retention_policies (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    table_name     regclass NOT NULL,
    rule_name      text NOT NULL DEFAULT 'default',
    time_column    name NOT NULL,
    keep_hot       interval NOT NULL,
    action         text NOT NULL,
    keep_archived  interval,
    row_filter     text,
    batch_size     integer NOT NULL DEFAULT 5000,
    enabled        boolean NOT NULL DEFAULT true,
    last_run_at    timestamptz,
    last_status    text,
    last_result    jsonb,
    note           text NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT pg_catalog.now(),
    updated_at     timestamptz NOT NULL DEFAULT pg_catalog.now(),
    CONSTRAINT retention_policies_table_rule_key UNIQUE (table_name, rule_name),
    CONSTRAINT retention_policies_rule_name_check CHECK (rule_name ~ '^[a-z][a-z0-9_]{0,62}$'),
    CONSTRAINT retention_policies_keep_hot_check CHECK (keep_hot > interval '0'),
    CONSTRAINT retention_policies_action_check CHECK (action IN ('delete', 'archive')),
    CONSTRAINT retention_policies_keep_archived_check CHECK (
        keep_archived IS NULL OR (action = 'archive' AND keep_archived > interval '0')),
    CONSTRAINT retention_policies_row_filter_check CHECK (
        row_filter IS NULL OR (pg_catalog.btrim(row_filter) <> '' AND pg_catalog.strpos(row_filter, ';') = 0)),
    CONSTRAINT retention_policies_batch_size_check CHECK (batch_size BETWEEN 1 AND 100000),
    CONSTRAINT retention_policies_last_status_check CHECK (
        last_status IN ('ok', 'dry_run', 'partial', 'failed')),
    CONSTRAINT retention_policies_last_result_check CHECK (
        last_result IS NULL OR pg_catalog.jsonb_typeof(last_result) = 'object'),
    CONSTRAINT retention_policies_note_check CHECK (pg_catalog.btrim(note) <> '')
);

CREATE TRIGGER retention_policies_validate BEFORE INSERT OR UPDATE ON ops.retention_policies
    FOR EACH ROW EXECUTE FUNCTION ops.validate_retention_policy();
CREATE TRIGGER retention_policies_set_updated_at BEFORE UPDATE ON ops.retention_policies
    FOR EACH ROW WHEN (OLD IS DISTINCT FROM NEW) EXECUTE FUNCTION core.set_updated_at();

COMMENT ON TABLE ops.retention_policies IS 'Retention rules of every schema, one row per rule; maint.cleanup_old_data applies the enabled ones (daily 02:00 UTC by pg_cron when installed). Owner-managed configuration: written by chain_owner (deploy scripts) and superusers only.';
COMMENT ON COLUMN ops.retention_policies.id IS 'Identity of the rule.';
COMMENT ON COLUMN ops.retention_policies.table_name IS 'The table the rule cleans (a partitioned parent is cleaned partition by partition).';
COMMENT ON COLUMN ops.retention_policies.rule_name IS 'Tells apart several rules of one table (e.g. completed, failed); default when the table has one.';
COMMENT ON COLUMN ops.retention_policies.time_column IS 'The column whose age the rule measures (timestamptz, timestamp or date); for a partitioned table, normally its partition key.';
COMMENT ON COLUMN ops.retention_policies.keep_hot IS 'How long a row stays in its table: rows with time_column older than now() - keep_hot are deleted or archived.';
COMMENT ON COLUMN ops.retention_policies.action IS 'delete: rows (or whole partitions) are removed; archive: moved to schema archive first (rows as JSON in archive.rows, whole partitions by ALTER TABLE … SET SCHEMA archive).';
COMMENT ON COLUMN ops.retention_policies.keep_archived IS 'archive only: how long the archived copy is kept after leaving the hot table (counted from the row''s time, i.e. dropped at age keep_hot + keep_archived); NULL keeps it forever.';
COMMENT ON COLUMN ops.retention_policies.row_filter IS 'Optional fixed predicate on the table''s columns (e.g. status = ''completed''): only matching rows are subject to the rule. Owner-written SQL, validated at insert by parsing it against the table. A rule with a filter works row by row, never by whole partitions.';
COMMENT ON COLUMN ops.retention_policies.batch_size IS 'Rows archived or deleted per transaction.';
COMMENT ON COLUMN ops.retention_policies.enabled IS 'false: maint.cleanup_old_data skips the rule.';
COMMENT ON COLUMN ops.retention_policies.last_run_at IS 'When maint.cleanup_old_data last applied the rule (dry runs included).';
COMMENT ON COLUMN ops.retention_policies.last_status IS 'Outcome of that run: ok, dry_run, partial (something was skipped, e.g. a partition whose lock was not available) or failed.';
COMMENT ON COLUMN ops.retention_policies.last_result IS 'Details of that run as a JSON object (rows and partitions archived, deleted, dropped or skipped; the error of a failed run).';
COMMENT ON COLUMN ops.retention_policies.note IS 'Where the rule comes from (seed and decision), e.g. seed 003: hot 90 days, then 1 year in cold storage.';
COMMENT ON COLUMN ops.retention_policies.created_at IS 'When the rule was loaded.';
COMMENT ON COLUMN ops.retention_policies.updated_at IS 'Last change, maintained by retention_policies_set_updated_at.';
COMMENT ON CONSTRAINT retention_policies_table_rule_key ON ops.retention_policies IS 'One rule per table and rule name; serves lookups by table.';
COMMENT ON CONSTRAINT retention_policies_rule_name_check ON ops.retention_policies IS 'A lower-case identifier.';
COMMENT ON CONSTRAINT retention_policies_keep_hot_check ON ops.retention_policies IS 'The hot period is positive.';
COMMENT ON CONSTRAINT retention_policies_action_check ON ops.retention_policies IS 'delete or archive.';
COMMENT ON CONSTRAINT retention_policies_keep_archived_check ON ops.retention_policies IS 'An archive period exists only for archive rules, and is positive.';
COMMENT ON CONSTRAINT retention_policies_row_filter_check ON ops.retention_policies IS 'A filter is a non-empty single predicate (no statement separator).';
COMMENT ON CONSTRAINT retention_policies_batch_size_check ON ops.retention_policies IS 'Between 1 and 100000 rows per transaction.';
COMMENT ON CONSTRAINT retention_policies_last_status_check ON ops.retention_policies IS 'ok, dry_run, partial or failed.';
COMMENT ON CONSTRAINT retention_policies_last_result_check ON ops.retention_policies IS 'The result is a JSON object.';
COMMENT ON CONSTRAINT retention_policies_note_check ON ops.retention_policies IS 'Every rule says where it comes from.';
COMMENT ON TRIGGER retention_policies_validate ON ops.retention_policies IS 'Checks the rule against its table: time column of a time type, a primary key for archive rules, a filter that parses.';
COMMENT ON TRIGGER retention_policies_set_updated_at ON ops.retention_policies IS 'Keeps updated_at current on real changes.';

\ir ../../roles/ops/retention_policies.sql

-- D-R2: audit.logs and audit.system_events keep 365 days (seed 002's upstream default); audit.logs
-- is partitioned by month, so whole partitions past a year are dropped.
INSERT INTO ops.retention_policies (table_name, time_column, keep_hot, action, note) VALUES
    ('audit.logs', 'logged_at', interval '365 days', 'delete',
     'seed 002 ("old audit logs"), decision D-R2: 365 days (upstream default); monthly partitions dropped whole, boundary rows deleted'),
    ('audit.system_events', 'created_at', interval '365 days', 'delete',
     'seed 002 ("old events"), decision D-R2: 365 days (upstream default)');

COMMIT;
