-- Deploy chaindb:token/stakes to pg
-- requires: token/staking_pools
-- requires: core/users
-- requires: audit/capture

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SET LOCAL ROLE chain_owner;

CREATE TABLE token.stakes (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id          bigint NOT NULL REFERENCES core.users (id),
    pool_id          bigint NOT NULL REFERENCES token.staking_pools (id),
    amount           numeric(36, 18) NOT NULL CHECK (amount > 0),
    staked_at        timestamptz NOT NULL DEFAULT pg_catalog.now(),
    unlock_at        timestamptz NOT NULL,
    is_active        boolean NOT NULL DEFAULT true,
    rewards_claimed  numeric(36, 18) NOT NULL DEFAULT 0 CHECK (rewards_claimed >= 0),
    last_claim_at    timestamptz,
    unstaked_at      timestamptz,
    tx_hash          text UNIQUE CHECK (tx_hash ~ '^0x[0-9a-f]{64}$'),
    updated_at       timestamptz NOT NULL DEFAULT pg_catalog.now(),
    CONSTRAINT stakes_unlock_after_stake CHECK (unlock_at >= staked_at),
    CONSTRAINT stakes_active_until_unstaked CHECK (is_active = (unstaked_at IS NULL)),
    CONSTRAINT stakes_no_early_unstake CHECK (unstaked_at >= unlock_at)
);
CREATE INDEX stakes_user_id_idx ON token.stakes (user_id);
CREATE INDEX stakes_pool_id_idx ON token.stakes (pool_id);
CREATE INDEX stakes_active_unlock_at_idx ON token.stakes (unlock_at) WHERE is_active;

\ir ../../functions/token/stakes.sql

CREATE TRIGGER stakes_check_limits BEFORE INSERT OR UPDATE OF amount, pool_id, unlock_at ON token.stakes
    FOR EACH ROW EXECUTE FUNCTION token.stakes_check_limits();
CREATE TRIGGER stakes_set_updated_at BEFORE UPDATE ON token.stakes
    FOR EACH ROW WHEN (OLD IS DISTINCT FROM NEW) EXECUTE FUNCTION core.set_updated_at();

COMMENT ON TABLE token.stakes IS 'Seed user_stakes: a user''s TRACE stake in a pool, locked until unlock_at; minimum and maximum stake of the pool enforced by trigger; audited. RLS: a user reads its own.';
COMMENT ON COLUMN token.stakes.id IS 'Identity.';
COMMENT ON COLUMN token.stakes.user_id IS 'The staker (RLS owner).';
COMMENT ON COLUMN token.stakes.pool_id IS 'The pool (RESTRICT).';
COMMENT ON COLUMN token.stakes.amount IS 'TRACE staked, > 0, within the pool''s min_stake_amount..max_stake_amount.';
COMMENT ON COLUMN token.stakes.staked_at IS 'When it was staked.';
COMMENT ON COLUMN token.stakes.unlock_at IS 'When it unlocks: at least staked_at + the pool''s lock_period_days (the default when omitted).';
COMMENT ON COLUMN token.stakes.is_active IS 'Still staked; false exactly when unstaked_at is set.';
COMMENT ON COLUMN token.stakes.rewards_claimed IS 'Rewards paid out so far, >= 0 (token.stake_rewards() gives what is still due).';
COMMENT ON COLUMN token.stakes.last_claim_at IS 'When rewards were last claimed.';
COMMENT ON COLUMN token.stakes.unstaked_at IS 'When it was withdrawn; never before unlock_at.';
COMMENT ON COLUMN token.stakes.tx_hash IS 'Staking transaction, 0x + 64 lower-case hex; unique.';
COMMENT ON COLUMN token.stakes.updated_at IS 'Last change, maintained by stakes_set_updated_at.';
COMMENT ON CONSTRAINT stakes_unlock_after_stake ON token.stakes IS 'A stake cannot unlock before it was made.';
COMMENT ON CONSTRAINT stakes_active_until_unstaked ON token.stakes IS 'is_active is false exactly when unstaked_at is set.';
COMMENT ON CONSTRAINT stakes_no_early_unstake ON token.stakes IS 'No withdrawal before unlock_at.';
COMMENT ON INDEX token.stakes_user_id_idx IS 'A user''s stakes (seed index; RLS).';
COMMENT ON INDEX token.stakes_pool_id_idx IS 'Stakes of a pool (seed index; FK).';
COMMENT ON INDEX token.stakes_active_unlock_at_idx IS 'Partial: active stakes by unlock date (seed active + unlock indexes, T-L10).';
COMMENT ON TRIGGER stakes_check_limits ON token.stakes IS 'Enforces the pool''s minimum and maximum stake, an active pool on insert, and the lock period (default unlock_at).';
COMMENT ON TRIGGER stakes_set_updated_at ON token.stakes IS 'Keeps updated_at current on real changes.';

\ir ../../roles/token/stakes.sql

SELECT audit.enable_tracking('token.stakes');

COMMIT;
