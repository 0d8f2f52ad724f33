-- Deploy chaindb:memory/audit_logs to pg
-- requires: core/backend_access
-- requires: memory/schema
-- requires: core/wallet_address
-- requires: core/current_user
-- requires: maint/partitions
-- requires: ops/retention_policies

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SET LOCAL ROLE chain_owner;

-- A log of blockchain operations (mint, transfer, grant, revoke, …), not row history: row history
-- of the memory tables is audit.logs (audit.enable_tracking). Partitioned by month on "timestamp"
-- (the seed's column, used by its cleanup query); the primary key must include the partition key.
CREATE TABLE memory.audit_logs (
    id                    bigint GENERATED ALWAYS AS IDENTITY (CACHE 100),
    wallet_address        core.wallet_address NOT NULL,
    action                text NOT NULL,
    asset_id              text,
    transaction_signature text,
    details               jsonb NOT NULL DEFAULT '{}',
    ip_address            inet,
    user_agent            text,
    "timestamp"           timestamptz NOT NULL DEFAULT pg_catalog.now(),
    CONSTRAINT audit_logs_pkey PRIMARY KEY (id, "timestamp"),
    CONSTRAINT audit_logs_action_format CHECK (action ~ '^[a-z][a-z0-9_.]{0,49}$'),
    CONSTRAINT audit_logs_transaction_signature_format CHECK (transaction_signature ~ '^[1-9A-HJ-NP-Za-km-z]{64,88}$'),
    CONSTRAINT audit_logs_details_object CHECK (pg_catalog.jsonb_typeof(details) = 'object'),
    CONSTRAINT audit_logs_user_agent_length CHECK (pg_catalog.length(user_agent) <= 1000)
) PARTITION BY RANGE ("timestamp");
CREATE INDEX audit_logs_wallet_address_timestamp_idx ON memory.audit_logs (wallet_address, "timestamp" DESC);
CREATE INDEX audit_logs_action_timestamp_idx ON memory.audit_logs (action, "timestamp" DESC);
CREATE INDEX audit_logs_asset_id_timestamp_idx ON memory.audit_logs (asset_id, "timestamp" DESC);
CREATE INDEX audit_logs_timestamp_brin ON memory.audit_logs USING brin ("timestamp");

\ir ../../functions/memory/audit_logs.sql

-- a row trigger on the parent is cloned onto every partition, present and future
CREATE TRIGGER audit_logs_append_only BEFORE UPDATE OR DELETE ON memory.audit_logs
    FOR EACH ROW EXECUTE FUNCTION memory.audit_log_append_only();

COMMENT ON TABLE memory.audit_logs IS 'Blockchain operation log [seed: blockchain_audit_logs]: mint, transfer, grant, revoke … per wallet; append-only; monthly partitions audit_logs_pYYYY_MM kept ahead by maint.ensure_partitions (also rendered by chaindb render partitions); retention archives then removes rows after 90 days (ops.retention_policies). Not row history (that is audit.logs). RLS: a wallet reads its own entries.';
COMMENT ON COLUMN memory.audit_logs.id IS 'Identity; a session takes 100 values at a time, so order by "timestamp", id.';
COMMENT ON COLUMN memory.audit_logs.wallet_address IS 'Wallet that performed the operation (RLS owner).';
COMMENT ON COLUMN memory.audit_logs.action IS 'Operation, e.g. asset.mint, asset.transfer, grant.create, grant.revoke (lower-case, dotted, 1-50 characters).';
COMMENT ON COLUMN memory.audit_logs.asset_id IS 'Asset concerned, if any: a soft reference (the log outlives assets and costs no FK check).';
COMMENT ON COLUMN memory.audit_logs.transaction_signature IS 'Solana transaction signature, if any (base58, 64-88 characters).';
COMMENT ON COLUMN memory.audit_logs.details IS 'Operation details, a JSON object.';
COMMENT ON COLUMN memory.audit_logs.ip_address IS 'Client IP address, if known (personal data: not readable by chain_readonly).';
COMMENT ON COLUMN memory.audit_logs.user_agent IS 'Client user agent, up to 1000 characters (personal data: not readable by chain_readonly).';
COMMENT ON COLUMN memory.audit_logs."timestamp" IS 'When it happened; the partition key (the seed''s column name).';
COMMENT ON CONSTRAINT audit_logs_pkey ON memory.audit_logs IS 'Identity plus the partition key (a partitioned table''s key must include it).';
COMMENT ON CONSTRAINT audit_logs_action_format ON memory.audit_logs IS 'Actions are lower-case dotted words, 1-50 characters.';
COMMENT ON CONSTRAINT audit_logs_transaction_signature_format ON memory.audit_logs IS 'A Solana signature: base58, 64-88 characters.';
COMMENT ON CONSTRAINT audit_logs_details_object ON memory.audit_logs IS 'Details are a JSON object.';
COMMENT ON CONSTRAINT audit_logs_user_agent_length ON memory.audit_logs IS 'User agents up to 1000 characters.';
COMMENT ON INDEX memory.audit_logs_wallet_address_timestamp_idx IS 'A wallet''s operations, newest first (RLS owner).';
COMMENT ON INDEX memory.audit_logs_action_timestamp_idx IS 'Operations of one kind, newest first.';
COMMENT ON INDEX memory.audit_logs_asset_id_timestamp_idx IS 'Operations on one asset, newest first.';
COMMENT ON INDEX memory.audit_logs_timestamp_brin IS 'Time-range scans (retention of the boundary month) at almost no write cost.';
COMMENT ON TRIGGER audit_logs_append_only ON memory.audit_logs IS 'Append-only: UPDATE and DELETE raise, except retention deletes run as chain_owner (memory.audit_log_append_only()).';

\ir ../../roles/memory/audit_logs.sql

-- retention (maint.cleanup_old_data): the seed deletes entries older than 90 days and advises archiving
-- them instead (decision D-R1: archive, then remove from the hot table); whole months go by partition
INSERT INTO ops.retention_policies (table_name, time_column, keep_hot, action, keep_archived, note) VALUES
    ('memory.audit_logs', 'timestamp', interval '90 days', 'archive', NULL,
     'seed 001 maintenance query (R-M2), decision D-R1: entries older than 90 days archived (schema archive, kept), then removed; monthly partitions moved whole, boundary rows one by one');

-- the partitions of this month and the next 3; later ones come from maint.ensure_partitions
DO $$ BEGIN PERFORM maint.ensure_partitions('memory.audit_logs', 3); END $$;

COMMIT;
