-- Deploy chaindb:token/transactions to pg
-- requires: token/enums
-- requires: core/users
-- requires: core/set_updated_at
-- requires: core/notify_change
-- requires: audit/capture

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SET LOCAL ROLE chain_owner;

CREATE TABLE token.transactions (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id           bigint NOT NULL REFERENCES core.users (id),
    transaction_type  token.transaction_type NOT NULL,
    amount            numeric(36, 18) NOT NULL CHECK (amount > 0),
    from_address      core.wallet_address,
    to_address        core.wallet_address,
    status            token.transaction_status NOT NULL DEFAULT 'pending',
    contract_address  text CHECK (contract_address ~ '^0x[0-9a-f]{40}$'),
    tx_hash           text UNIQUE CHECK (tx_hash ~ '^0x[0-9a-f]{64}$'),
    block_number      bigint CHECK (block_number >= 0),
    gas_used          bigint CHECK (gas_used >= 0),
    gas_price         bigint CHECK (gas_price >= 0),
    created_at        timestamptz NOT NULL DEFAULT pg_catalog.now(),
    confirmed_at      timestamptz,
    metadata          jsonb NOT NULL DEFAULT '{}' CHECK (pg_catalog.jsonb_typeof(metadata) = 'object'),
    updated_at        timestamptz NOT NULL DEFAULT pg_catalog.now(),
    CONSTRAINT transactions_confirmed_on_chain CHECK (status <> 'confirmed'
                                                      OR (confirmed_at IS NOT NULL AND block_number IS NOT NULL))
);
CREATE INDEX transactions_user_id_created_at_idx ON token.transactions (user_id, created_at DESC);
CREATE INDEX transactions_transaction_type_idx ON token.transactions (transaction_type);
CREATE INDEX transactions_status_idx ON token.transactions (status);
CREATE INDEX transactions_created_at_idx ON token.transactions (created_at);

CREATE TRIGGER transactions_set_updated_at BEFORE UPDATE ON token.transactions
    FOR EACH ROW WHEN (OLD IS DISTINCT FROM NEW) EXECUTE FUNCTION core.set_updated_at();

COMMENT ON TABLE token.transactions IS 'Seed trace_token_transactions: on-chain TRACE token transactions of a user. Written by the backend (indexer); audited; change feed on. RLS: a user reads its own.';
COMMENT ON COLUMN token.transactions.id IS 'Identity.';
COMMENT ON COLUMN token.transactions.user_id IS 'The user it belongs to (RLS owner).';
COMMENT ON COLUMN token.transactions.transaction_type IS 'mint, burn, transfer, stake or reward.';
COMMENT ON COLUMN token.transactions.amount IS 'TRACE amount, numeric(36,18), > 0.';
COMMENT ON COLUMN token.transactions.from_address IS 'Sending wallet (core.wallet_address), if any.';
COMMENT ON COLUMN token.transactions.to_address IS 'Receiving wallet, if any.';
COMMENT ON COLUMN token.transactions.status IS 'pending, confirmed, failed or cancelled; confirmed needs confirmed_at and block_number.';
COMMENT ON COLUMN token.transactions.contract_address IS 'Token contract, 0x + 40 lower-case hex.';
COMMENT ON COLUMN token.transactions.tx_hash IS 'Transaction hash, 0x + 64 lower-case hex; unique (T-L9; idempotent indexer upserts).';
COMMENT ON COLUMN token.transactions.block_number IS 'Block, >= 0.';
COMMENT ON COLUMN token.transactions.gas_used IS 'Gas used, >= 0.';
COMMENT ON COLUMN token.transactions.gas_price IS 'Gas price in wei, >= 0.';
COMMENT ON COLUMN token.transactions.created_at IS 'When it was recorded.';
COMMENT ON COLUMN token.transactions.confirmed_at IS 'When it was confirmed.';
COMMENT ON COLUMN token.transactions.metadata IS 'Further data as a JSON object.';
COMMENT ON COLUMN token.transactions.updated_at IS 'Last change, maintained by transactions_set_updated_at.';
COMMENT ON CONSTRAINT transactions_confirmed_on_chain ON token.transactions IS 'A confirmed transaction has its confirmation time and block.';
COMMENT ON INDEX token.transactions_user_id_created_at_idx IS 'A user''s transactions, newest first (seed user index, T-L8; RLS).';
COMMENT ON INDEX token.transactions_transaction_type_idx IS 'Transactions by type (seed index).';
COMMENT ON INDEX token.transactions_status_idx IS 'Transactions by status (seed index).';
COMMENT ON INDEX token.transactions_created_at_idx IS 'Transactions by creation date (seed index).';
COMMENT ON TRIGGER transactions_set_updated_at ON token.transactions IS 'Keeps updated_at current on real changes.';

\ir ../../roles/token/transactions.sql

SELECT core.enable_notify('token.transactions');
SELECT audit.enable_tracking('token.transactions');

COMMIT;
