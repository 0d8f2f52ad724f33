-- Deploy chaindb:trading/grids to pg
-- requires: trading/schema
-- requires: core/users
-- requires: core/set_updated_at

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SET LOCAL ROLE chain_owner;

CREATE TYPE trading.grid_status AS ENUM ('pending', 'active', 'paused', 'completed', 'cancelled', 'failed');
COMMENT ON TYPE trading.grid_status IS 'Lifecycle of a grid bot: pending (tx not confirmed), active, paused, completed, cancelled, failed.';

CREATE TABLE trading.grids (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id          bigint NOT NULL REFERENCES core.users (id) ON DELETE RESTRICT,
    trading_pair     text NOT NULL CHECK (trading_pair ~ '^[A-Za-z0-9]{1,16}/[A-Za-z0-9]{1,16}$'),
    lower_price      numeric(38, 18) NOT NULL CHECK (lower_price > 0),
    upper_price      numeric(38, 18) NOT NULL CHECK (upper_price > 0),
    grid_count       integer NOT NULL CHECK (grid_count BETWEEN 2 AND 1000),
    investment       numeric(38, 18) NOT NULL CHECK (investment > 0),
    profit           numeric(38, 18) NOT NULL DEFAULT 0,
    status           trading.grid_status NOT NULL DEFAULT 'pending',
    contract_address core.wallet_address,
    tx_hash          text UNIQUE CHECK (tx_hash ~ '^(0x)?[0-9a-f]{64}$'),
    started_at       timestamptz,
    stopped_at       timestamptz,
    created_at       timestamptz NOT NULL DEFAULT pg_catalog.now(),
    updated_at       timestamptz NOT NULL DEFAULT pg_catalog.now(),
    CONSTRAINT grids_price_range CHECK (upper_price > lower_price),
    CONSTRAINT grids_stopped_after_start CHECK (stopped_at >= started_at)
);
-- a user's grids, newest first (the grids endpoint; leads with the policy column)
CREATE INDEX grids_user_id_created_at_idx ON trading.grids (user_id, created_at DESC);
-- running bots per pair (the monitor that refreshes profits)
CREATE INDEX grids_active_trading_pair_idx ON trading.grids (trading_pair) WHERE status = 'active';
-- grids of an on-chain contract
CREATE INDEX grids_contract_address_idx ON trading.grids (contract_address) WHERE contract_address IS NOT NULL;

CREATE TRIGGER grids_set_updated_at BEFORE UPDATE ON trading.grids
    FOR EACH ROW WHEN (OLD IS DISTINCT FROM NEW) EXECUTE FUNCTION core.set_updated_at();

COMMENT ON TABLE trading.grids IS 'Real grid-trading bots [user_grids]: pair, price range, grid count, investment, realised profit, on-chain references. RLS: a user sees and changes its own.';
COMMENT ON COLUMN trading.grids.id IS 'Identity.';
COMMENT ON COLUMN trading.grids.user_id IS 'The trader (owner of the row); users with grids cannot be deleted.';
COMMENT ON COLUMN trading.grids.trading_pair IS 'Pair as BASE/QUOTE, e.g. ERG/SigUSD.';
COMMENT ON COLUMN trading.grids.lower_price IS 'Bottom of the grid''s price range; positive.';
COMMENT ON COLUMN trading.grids.upper_price IS 'Top of the grid''s price range; above lower_price.';
COMMENT ON COLUMN trading.grids.grid_count IS 'Number of grid levels, 2-1000.';
COMMENT ON COLUMN trading.grids.investment IS 'Amount invested in the quote currency; positive.';
COMMENT ON COLUMN trading.grids.profit IS 'Realised profit (negative for a loss), refreshed from chain data.';
COMMENT ON COLUMN trading.grids.status IS 'pending, active, paused, completed, cancelled or failed.';
COMMENT ON COLUMN trading.grids.contract_address IS 'Address of the on-chain grid contract (core.wallet_address stored form).';
COMMENT ON COLUMN trading.grids.tx_hash IS 'Hash of the creating transaction, lower-case hex (optional 0x), unique.';
COMMENT ON COLUMN trading.grids.started_at IS 'When the grid went live on chain.';
COMMENT ON COLUMN trading.grids.stopped_at IS 'When the grid stopped (completed, cancelled, failed).';
COMMENT ON COLUMN trading.grids.created_at IS 'Creation time.';
COMMENT ON COLUMN trading.grids.updated_at IS 'Last change, maintained by grids_set_updated_at.';
COMMENT ON CONSTRAINT grids_price_range ON trading.grids IS 'The range is not empty: upper_price > lower_price.';
COMMENT ON CONSTRAINT grids_stopped_after_start ON trading.grids IS 'A grid does not stop before it starts.';
COMMENT ON INDEX trading.grids_user_id_created_at_idx IS 'A user''s grids, newest first; serves the own-row policies.';
COMMENT ON INDEX trading.grids_active_trading_pair_idx IS 'Active grids per pair (partial).';
COMMENT ON INDEX trading.grids_contract_address_idx IS 'Grids by on-chain contract (partial).';
COMMENT ON TRIGGER grids_set_updated_at ON trading.grids IS 'Keeps updated_at current on real changes.';

\ir ../../roles/trading/grids.sql

COMMIT;
