-- Deploy chaindb:audit/logs to pg
-- requires: audit/schema maint/partitions

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SET LOCAL ROLE chain_owner;

CREATE TYPE audit.operation AS ENUM ('INSERT', 'UPDATE', 'DELETE', 'TRUNCATE');
COMMENT ON TYPE audit.operation IS 'The change an audit row records (TG_OP).';

-- The shape of an audit row per operation, for the CHECK below. PostgreSQL 15 re-reads a table's
-- CHECK expressions from their stored node text and plans them at every INSERT statement, and the
-- row trigger runs one INSERT per audited row: the former inline CASE over all four operations (a
-- 4 kB node tree) cost more than the rest of the trigger (bench/RESULTS.md). So the CHECK tests the
-- hot case, INSERT, inline and hands the others to this function (a call per row costs about 4 us
-- in a bulk UPDATE or DELETE, which an inline INSERT test spares the bulk loads).
CREATE FUNCTION audit.logs_shape_ok(p_operation audit.operation, p_record_pk jsonb, p_old jsonb, p_new jsonb)
RETURNS boolean
LANGUAGE plpgsql
IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    RETURN CASE p_operation
        WHEN 'INSERT'   THEN p_old IS NULL AND p_new IS NOT NULL AND p_record_pk IS NOT NULL
        WHEN 'DELETE'   THEN p_old IS NOT NULL AND p_new IS NULL AND p_record_pk IS NOT NULL
        WHEN 'UPDATE'   THEN (p_old IS NOT NULL OR p_new IS NOT NULL) AND p_record_pk IS NOT NULL
        WHEN 'TRUNCATE' THEN p_old IS NULL AND p_new IS NULL AND p_record_pk IS NULL
    END;
END
$$;
COMMENT ON FUNCTION audit.logs_shape_ok(audit.operation, jsonb, jsonb, jsonb) IS
    'CHECK of audit.logs: which of record_pk / old / new an operation carries (INSERT: key and new; DELETE: key and old; UPDATE: key and old or new; TRUNCATE: none).';
REVOKE ALL ON FUNCTION audit.logs_shape_ok(audit.operation, jsonb, jsonb, jsonb) FROM PUBLIC;

-- Lean on purpose: every index slows every audited write, so only BRIN on time; no primary key
-- (on a partitioned table it would be a btree on (id, logged_at), measured at about a quarter of
-- the row trigger's cost: bench/RESULTS.md). id comes from an identity sequence with a cache (each
-- session takes 100 values at a time): unique by construction, ordered per session only.
-- The row images use lz4 (cheaper than pglz to compress when a wide row gets TOASTed; rows under
-- about 2 kB are stored as they are either way).
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
    txid             bigint NOT NULL DEFAULT pg_catalog.txid_current(),
    CONSTRAINT logs_operation_shape CHECK (CASE WHEN operation = 'INSERT'
        THEN old_record IS NULL AND new_record IS NOT NULL AND record_pk IS NOT NULL
        ELSE audit.logs_shape_ok(operation, record_pk, old_record, new_record) END)
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
COMMENT ON CONSTRAINT logs_operation_shape ON audit.logs IS 'Which of old/new/pk each operation carries (audit.logs_shape_ok).';
COMMENT ON INDEX audit.logs_logged_at_brin IS 'Time-range scans at almost no write cost.';

-- the partitions of this month and the next 3; later ones come from maint.ensure_partitions
DO $$ BEGIN PERFORM maint.ensure_partitions('audit.logs', 3); END $$;

COMMIT;
