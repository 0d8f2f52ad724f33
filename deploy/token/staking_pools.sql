-- Deploy chaindb:token/staking_pools to pg
-- requires: token/enums
-- requires: core/set_updated_at

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SET LOCAL ROLE chain_owner;

CREATE TABLE token.staking_pools (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    pool_name         text NOT NULL UNIQUE CHECK (pg_catalog.length(pool_name) BETWEEN 1 AND 100),
    pool_type         token.pool_type NOT NULL,
    apy_percentage    numeric(5, 2) NOT NULL CHECK (apy_percentage >= 0),
    min_stake_amount  numeric(36, 18) NOT NULL CHECK (min_stake_amount > 0),
    max_stake_amount  numeric(36, 18),
    lock_period_days  integer NOT NULL CHECK (lock_period_days >= 0),
    is_active         boolean NOT NULL DEFAULT true,
    created_at        timestamptz NOT NULL DEFAULT pg_catalog.now(),
    updated_at        timestamptz NOT NULL DEFAULT pg_catalog.now(),
    CONSTRAINT staking_pools_max_at_least_min CHECK (max_stake_amount >= min_stake_amount)
);
CREATE INDEX staking_pools_pool_type_idx ON token.staking_pools (pool_type);
CREATE INDEX staking_pools_active_type_idx ON token.staking_pools (pool_type) WHERE is_active;

CREATE TRIGGER staking_pools_set_updated_at BEFORE UPDATE ON token.staking_pools
    FOR EACH ROW WHEN (OLD IS DISTINCT FROM NEW) EXECUTE FUNCTION core.set_updated_at();

COMMENT ON TABLE token.staking_pools IS 'Seed staking_pools: TRACE staking pools with an APY, stake limits and a lock period (reference rows are dev fixtures). RLS: everyone reads them; the backend manages them.';
COMMENT ON COLUMN token.staking_pools.id IS 'Identity.';
COMMENT ON COLUMN token.staking_pools.pool_name IS 'Unique name, 1..100 characters.';
COMMENT ON COLUMN token.staking_pools.pool_type IS 'product, compliance or governance.';
COMMENT ON COLUMN token.staking_pools.apy_percentage IS 'Annual percentage yield (simple interest), >= 0.';
COMMENT ON COLUMN token.staking_pools.min_stake_amount IS 'Smallest stake, > 0 (enforced on token.stakes by trigger).';
COMMENT ON COLUMN token.staking_pools.max_stake_amount IS 'Largest stake, >= the minimum; NULL: no maximum.';
COMMENT ON COLUMN token.staking_pools.lock_period_days IS 'Days a stake stays locked, >= 0 (default unlock_at of a stake).';
COMMENT ON COLUMN token.staking_pools.is_active IS 'false: accepts no new stakes.';
COMMENT ON COLUMN token.staking_pools.created_at IS 'When it was created.';
COMMENT ON COLUMN token.staking_pools.updated_at IS 'Last change, maintained by staking_pools_set_updated_at.';
COMMENT ON CONSTRAINT staking_pools_max_at_least_min ON token.staking_pools IS 'A maximum stake is at least the minimum.';
COMMENT ON INDEX token.staking_pools_pool_type_idx IS 'Pools by type (seed index).';
COMMENT ON INDEX token.staking_pools_active_type_idx IS 'Partial: active pools by type (seed active-status index).';
COMMENT ON TRIGGER staking_pools_set_updated_at ON token.staking_pools IS 'Keeps updated_at current on real changes.';

\ir ../../roles/token/staking_pools.sql

COMMIT;
