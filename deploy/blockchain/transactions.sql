-- Deploy chaindb:blockchain/transactions to pg
-- requires: blockchain/assets
-- requires: core/wallet_address
-- requires: core/notify_change

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SET LOCAL ROLE chain_owner;

CREATE TYPE blockchain.transaction_status AS ENUM ('pending', 'confirmed', 'failed');
COMMENT ON TYPE blockchain.transaction_status IS
    'Life of an on-chain transaction: pending (broadcast, not mined), confirmed (in a block), failed (reverted or dropped).';

CREATE TABLE blockchain.transactions (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tx_hash       text NOT NULL UNIQUE CHECK (tx_hash ~ '^0x[0-9a-f]{64}$'),
    block_number  bigint CHECK (block_number >= 0),
    from_address  core.wallet_address NOT NULL,
    to_address    core.wallet_address NOT NULL,
    asset_id      bigint REFERENCES blockchain.assets (id),
    amount        numeric(38, 18) NOT NULL CHECK (amount > 0),
    fee           numeric(38, 18) NOT NULL DEFAULT 0 CHECK (fee >= 0),
    status        blockchain.transaction_status NOT NULL DEFAULT 'pending',
    created_at    timestamptz NOT NULL DEFAULT pg_catalog.now(),
    confirmed_at  timestamptz,
    updated_at    timestamptz NOT NULL DEFAULT pg_catalog.now(),
    CONSTRAINT transactions_confirmed_in_block CHECK (status <> 'confirmed' OR (block_number IS NOT NULL AND confirmed_at IS NOT NULL))
);
CREATE INDEX transactions_from_address_created_at_idx ON blockchain.transactions (from_address, created_at DESC);
CREATE INDEX transactions_to_address_created_at_idx ON blockchain.transactions (to_address, created_at DESC);
CREATE INDEX transactions_asset_id_idx ON blockchain.transactions (asset_id);

CREATE TRIGGER transactions_set_updated_at BEFORE UPDATE ON blockchain.transactions
    FOR EACH ROW WHEN (OLD IS DISTINCT FROM NEW) EXECUTE FUNCTION core.set_updated_at();

COMMENT ON TABLE blockchain.transactions IS 'On-chain transfers of assets (or the native coin); public chain data: readable by every role, written by the backend.';
COMMENT ON COLUMN blockchain.transactions.id IS 'Identity of the row.';
COMMENT ON COLUMN blockchain.transactions.tx_hash IS 'Transaction hash, 0x + 64 lower-case hex; unique; GET /api/blockchain/transactions/{tx_hash}.';
COMMENT ON COLUMN blockchain.transactions.block_number IS 'Block that includes it; NULL while pending.';
COMMENT ON COLUMN blockchain.transactions.from_address IS 'Sending wallet (core.wallet_address; pass input through core.normalize_wallet).';
COMMENT ON COLUMN blockchain.transactions.to_address IS 'Receiving wallet.';
COMMENT ON COLUMN blockchain.transactions.asset_id IS 'Asset transferred; NULL for the native coin.';
COMMENT ON COLUMN blockchain.transactions.amount IS 'Amount transferred, positive.';
COMMENT ON COLUMN blockchain.transactions.fee IS 'Network fee paid, never negative.';
COMMENT ON COLUMN blockchain.transactions.status IS 'pending, confirmed or failed.';
COMMENT ON COLUMN blockchain.transactions.created_at IS 'When the transaction was broadcast (address history orders by it).';
COMMENT ON COLUMN blockchain.transactions.confirmed_at IS 'When it was mined; set with status confirmed.';
COMMENT ON COLUMN blockchain.transactions.updated_at IS 'Last change, maintained by transactions_set_updated_at.';
COMMENT ON CONSTRAINT transactions_confirmed_in_block ON blockchain.transactions IS 'A confirmed transaction has a block number and a confirmation time.';
COMMENT ON INDEX blockchain.transactions_from_address_created_at_idx IS 'History of a sending address, newest first.';
COMMENT ON INDEX blockchain.transactions_to_address_created_at_idx IS 'History of a receiving address, newest first.';
COMMENT ON INDEX blockchain.transactions_asset_id_idx IS 'Transfers of one asset; the FK to blockchain.assets.';
COMMENT ON TRIGGER transactions_set_updated_at ON blockchain.transactions IS 'Keeps updated_at current on real changes.';

\ir ../../roles/blockchain/transactions.sql

-- caches invalidate when a transaction completes
SELECT core.enable_notify('blockchain.transactions');

COMMIT;
