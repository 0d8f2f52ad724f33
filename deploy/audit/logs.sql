-- Deploy chaindb:audit/logs to pg
-- requires: audit/schema maint/partitions

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SET LOCAL ROLE chain_owner;

CREATE TYPE audit.operation AS ENUM ('INSERT', 'UPDATE', 'DELETE', 'TRUNCATE');
COMMENT ON TYPE audit.operation IS 'The change an audit row records (TG_OP).';

-- Lean on purpose: BRIN on time only, no primary key, no CHECK, lz4 row images -- every index
-- or CHECK is paid once per audited row. Why, with the measurements: bench/RESULTS.md, "Audit
-- design notes". Only audit.capture() / audit.capture_statement() write here
-- (test/pgtap/audit/capture.sql checks what they write).
CREATE TABLE audit.logs (
    id               bigint GENERATED ALWAYS AS IDENTITY (CACHE 100),
    logged_at        timestamptz NOT NULL DEFAULT pg_catalog.now(),
    table_schema     text NOT NULL,
    table_name       text NOT NULL,
    operation        audit.operation NOT NULL,
    record_pk        jsonb,
    old_record       jsonb COMPRESSION lz4,
    new_record       jsonb COMPRESSION lz4,
    changed_columns  text[],
    actor_id         bigint,
    db_user          text NOT NULL DEFAULT SESSION_USER,
    txid             bigint NOT NULL DEFAULT pg_catalog.txid_current()
) PARTITION BY RANGE (logged_at);
CREATE INDEX logs_logged_at_brin ON audit.logs USING brin (logged_at);

COMMENT ON TABLE audit.logs IS 'Row history of tracked tables (audit.enable_tracking), one row per changed row; monthly partitions logs_pYYYY_MM kept ahead by maint.ensure_partitions, retention by maint.drop_partitions_older_than.';
COMMENT ON COLUMN audit.logs.id IS 'Identity (unique by construction, not indexed); a session takes 100 values at a time, so order by logged_at, txid, id.';
COMMENT ON COLUMN audit.logs.logged_at IS 'Transaction time of the change; the partition key.';
COMMENT ON COLUMN audit.logs.table_schema IS 'Schema of the changed table.';
COMMENT ON COLUMN audit.logs.table_name IS 'Name of the changed table.';
COMMENT ON COLUMN audit.logs.operation IS 'INSERT, UPDATE, DELETE or TRUNCATE.';
COMMENT ON COLUMN audit.logs.record_pk IS 'Primary key of the changed row as a JSON object ({"id": 42}); the new key on UPDATE; NULL for TRUNCATE.';
COMMENT ON COLUMN audit.logs.old_record IS 'The row before the change (UPDATE, DELETE).';
COMMENT ON COLUMN audit.logs.new_record IS 'The row after the change (INSERT, UPDATE).';
COMMENT ON COLUMN audit.logs.changed_columns IS 'UPDATE: the columns whose value changed, sorted; NULL otherwise.';
COMMENT ON COLUMN audit.logs.actor_id IS 'core.current_user_id() of the request that made the change; NULL for backend or maintenance work.';
COMMENT ON COLUMN audit.logs.db_user IS 'session_user: the login role (the SECURITY DEFINER trigger runs as chain_owner and cannot see the SET ROLE; actor_id names the end user).';
COMMENT ON COLUMN audit.logs.txid IS 'txid_current() of the changing transaction; groups the rows of one transaction.';
COMMENT ON INDEX audit.logs_logged_at_brin IS 'Time-range scans at almost no write cost.';

-- the partitions of this month and the next 3; later ones come from maint.ensure_partitions
DO $$ BEGIN PERFORM maint.ensure_partitions('audit.logs', 3); END $$;

COMMIT;
