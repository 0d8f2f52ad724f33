-- Deploy chaindb:diag/index_allowlist to pg
-- requires: diag/schema

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SET LOCAL ROLE chain_owner;

-- Indexes diag.unused_indexes() must not report: ones a seed names for a lookup that is rare
-- but must stay fast (e.g. utxoIQ's idx_feedback_insight), or that an operator keeps on purpose.
-- The change that creates such an index adds its row (and its revert deletes it).
CREATE TABLE diag.index_allowlist (
    index_name text PRIMARY KEY,
    reason     text NOT NULL,
    added_at   timestamptz NOT NULL DEFAULT pg_catalog.now(),
    CONSTRAINT index_allowlist_index_name_check CHECK (index_name ~ '^[a-z_][a-z0-9_$]*\.[a-z_][a-z0-9_$]*$'),
    CONSTRAINT index_allowlist_reason_check CHECK (pg_catalog.btrim(reason) <> '')
);

COMMENT ON TABLE diag.index_allowlist IS
    'Indexes diag.unused_indexes() does not report (rarely scanned on purpose); chain_monitor adds and removes rows.';
COMMENT ON COLUMN diag.index_allowlist.index_name IS 'schema.index, lower-case and unquoted (an index that does not exist yet may be listed).';
COMMENT ON COLUMN diag.index_allowlist.reason IS 'Why the index stays although it is rarely scanned (the seed or lookup it serves).';
COMMENT ON COLUMN diag.index_allowlist.added_at IS 'When the row was added.';
COMMENT ON CONSTRAINT index_allowlist_index_name_check ON diag.index_allowlist IS 'schema.index in lower case, unquoted.';
COMMENT ON CONSTRAINT index_allowlist_reason_check ON diag.index_allowlist IS 'Every entry says why.';

\ir ../../roles/diag/index_allowlist.sql

-- the index seed 003 names although the unique key's leading column serves the same lookups
-- (listed before it exists: ops.insight_feedback comes with utxoIQ)
INSERT INTO diag.index_allowlist (index_name, reason) VALUES
    ('ops.idx_feedback_insight', 'seed 003 names it (feedback of one insight); redundant with the unique key''s leading column, kept because named');

COMMIT;
