-- Deploy chaindb:memory/transfers to pg
-- requires: core/backend_access
-- requires: memory/access_grants
-- requires: memory/audit_logs

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SET LOCAL ROLE chain_owner;

CREATE TABLE memory.transfers (
    id                    bigint GENERATED ALWAYS AS IDENTITY,
    asset_id              text NOT NULL,
    from_address          core.wallet_address NOT NULL,
    to_address            core.wallet_address NOT NULL,
    transaction_signature text NOT NULL,
    transferred_at        timestamptz NOT NULL DEFAULT pg_catalog.now(),
    metadata              jsonb NOT NULL DEFAULT '{}',
    CONSTRAINT transfers_pkey PRIMARY KEY (id),
    CONSTRAINT transfers_asset_id_fkey FOREIGN KEY (asset_id) REFERENCES memory.assets (asset_id) ON DELETE RESTRICT,
    CONSTRAINT transfers_transaction_signature_asset_id_key UNIQUE (transaction_signature, asset_id),
    CONSTRAINT transfers_from_not_to CHECK (from_address <> to_address),
    CONSTRAINT transfers_transaction_signature_format CHECK (transaction_signature ~ '^[1-9A-HJ-NP-Za-km-z]{64,88}$'),
    CONSTRAINT transfers_metadata_object CHECK (pg_catalog.jsonb_typeof(metadata) = 'object')
);
CREATE INDEX transfers_asset_id_transferred_at_idx ON memory.transfers (asset_id, transferred_at DESC);
CREATE INDEX transfers_from_address_transferred_at_idx ON memory.transfers (from_address, transferred_at DESC);
CREATE INDEX transfers_to_address_transferred_at_idx ON memory.transfers (to_address, transferred_at DESC);

\ir ../../functions/memory/transfers.sql

CREATE TRIGGER transfers_apply BEFORE INSERT ON memory.transfers
    FOR EACH ROW EXECUTE FUNCTION memory.apply_transfer();
CREATE TRIGGER transfers_append_only BEFORE UPDATE OR DELETE ON memory.transfers
    FOR EACH ROW EXECUTE FUNCTION memory.audit_log_append_only();

COMMENT ON TABLE memory.transfers IS 'Ownership transfers of memory assets [seed: transfer_history]: the complete, append-only audit trail. Inserting a row moves the asset (trigger transfers_apply); memory.transfer_asset() is the checked way in. RLS: visible to both parties.';
COMMENT ON COLUMN memory.transfers.id IS 'Identity of the transfer.';
COMMENT ON COLUMN memory.transfers.asset_id IS 'The asset moved (an asset with transfers cannot be deleted: history is kept).';
COMMENT ON COLUMN memory.transfers.from_address IS 'Previous owner; must be the owner when the row is inserted (RLS party).';
COMMENT ON COLUMN memory.transfers.to_address IS 'New owner (RLS party).';
COMMENT ON COLUMN memory.transfers.transaction_signature IS 'Solana transaction signature of the transfer (base58, 64-88 characters); one transaction may move several assets.';
COMMENT ON COLUMN memory.transfers.transferred_at IS 'When ownership moved.';
COMMENT ON COLUMN memory.transfers.metadata IS 'Transfer details, a JSON object.';
COMMENT ON CONSTRAINT transfers_pkey ON memory.transfers IS 'Transfer identity.';
COMMENT ON CONSTRAINT transfers_asset_id_fkey ON memory.transfers IS 'The asset exists; RESTRICT keeps the trail (the seed''s upstream CASCADE would erase it).';
COMMENT ON CONSTRAINT transfers_transaction_signature_asset_id_key ON memory.transfers IS 'A transaction moves an asset at most once (23505 on a replay); also serves lookups by signature.';
COMMENT ON CONSTRAINT transfers_from_not_to ON memory.transfers IS 'A transfer changes the owner.';
COMMENT ON CONSTRAINT transfers_transaction_signature_format ON memory.transfers IS 'A Solana signature: base58, 64-88 characters.';
COMMENT ON CONSTRAINT transfers_metadata_object ON memory.transfers IS 'Metadata is a JSON object.';
COMMENT ON INDEX memory.transfers_asset_id_transferred_at_idx IS 'History of one asset, newest first; the FK to memory.assets.';
COMMENT ON INDEX memory.transfers_from_address_transferred_at_idx IS 'Transfers sent by a wallet, newest first (RLS party).';
COMMENT ON INDEX memory.transfers_to_address_transferred_at_idx IS 'Transfers received by a wallet, newest first (RLS party).';
COMMENT ON TRIGGER transfers_apply ON memory.transfers IS 'Locks the asset, checks from_address owns it and it is live, moves ownership, revokes the old owner''s live grants and logs asset.transfer in memory.audit_logs (memory.apply_transfer()).';
COMMENT ON TRIGGER transfers_append_only ON memory.transfers IS 'The trail is append-only: UPDATE and DELETE raise 55000 (memory.audit_log_append_only()).';

\ir ../../roles/memory/transfers.sql

COMMIT;
