-- token.stakes_check_limits() → trigger (BEFORE INSERT OR UPDATE OF amount, pool_id, unlock_at ON
--   token.stakes, row)
--   Reads the pool (no row lock: a lock would need an UPDATE policy for chain_owner, and limits
--   changed concurrently apply to the next write) and raises
--   check_violation (23514) when the amount is below min_stake_amount or above max_stake_amount, or
--   on insert when the pool is inactive. unlock_at defaults to staked_at + lock_period_days; an
--   earlier unlock_at is rejected. SECURITY DEFINER (reads the pool through
--   staking_pools_select_owner whoever writes).
--
-- token.stake_rewards(p_stake_id) → numeric(36,18)
--   Rewards still due on a stake, simple interest:
--   amount × apy_percentage / 100 × days(coalesce(unstaked_at, now()) − staked_at) / 365
--   − rewards_claimed, floored at 0 (days fractional). NULL for a stake the caller cannot see.
--   Security invoker: an end user gets the rewards of its own stakes only (RLS).
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

CREATE FUNCTION token.stakes_check_limits()
RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_pool token.staking_pools%ROWTYPE;
BEGIN
    SELECT p.* INTO v_pool FROM token.staking_pools AS p WHERE p.id = NEW.pool_id;
    IF NOT FOUND THEN
        NEW.unlock_at := COALESCE(NEW.unlock_at, NEW.staked_at);  -- so the foreign key, not NOT NULL, reports it
        RETURN NEW;
    END IF;
    IF TG_OP = 'INSERT' AND NOT v_pool.is_active THEN
        RAISE EXCEPTION 'token.stakes: pool % is not active', v_pool.id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'stakes_pool_active';
    END IF;
    IF NEW.amount < v_pool.min_stake_amount THEN
        RAISE EXCEPTION 'token.stakes: amount % is below the minimum stake % of pool %',
                        NEW.amount, v_pool.min_stake_amount, v_pool.id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'stakes_min_stake';
    END IF;
    IF NEW.amount > v_pool.max_stake_amount THEN
        RAISE EXCEPTION 'token.stakes: amount % is above the maximum stake % of pool %',
                        NEW.amount, v_pool.max_stake_amount, v_pool.id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'stakes_max_stake';
    END IF;
    IF NEW.unlock_at IS NULL THEN
        NEW.unlock_at := NEW.staked_at + pg_catalog.make_interval(days => v_pool.lock_period_days);
    ELSIF NEW.unlock_at < NEW.staked_at + pg_catalog.make_interval(days => v_pool.lock_period_days) THEN
        RAISE EXCEPTION 'token.stakes: unlock_at % is before the % day lock period of pool % ends',
                        NEW.unlock_at, v_pool.lock_period_days, v_pool.id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'stakes_lock_period';
    END IF;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION token.stakes_check_limits() IS
    'Trigger: rejects (23514) stakes below the pool''s min_stake_amount or above its max_stake_amount, new stakes in an inactive pool, and unlock_at before staked_at + lock_period_days (its default).';
REVOKE ALL ON FUNCTION token.stakes_check_limits() FROM PUBLIC;

CREATE FUNCTION token.stake_rewards(p_stake_id bigint)
RETURNS numeric(36, 18)
LANGUAGE sql
STABLE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT pg_catalog.round(GREATEST(0,
               s.amount * p.apy_percentage / 100
               * EXTRACT(EPOCH FROM COALESCE(s.unstaked_at, pg_catalog.now()) - s.staked_at) / 86400 / 365
               - s.rewards_claimed), 18)::numeric(36, 18)
      FROM token.stakes AS s
      JOIN token.staking_pools AS p ON p.id = s.pool_id
     WHERE s.id = p_stake_id
$$;
COMMENT ON FUNCTION token.stake_rewards(bigint) IS
    'Rewards still due on a stake: amount × apy_percentage/100 × days(coalesce(unstaked_at, now()) − staked_at)/365 − rewards_claimed, floored at 0 (simple interest; a project choice, D-T9). NULL when the stake is unknown or invisible to the caller (RLS).';
REVOKE ALL ON FUNCTION token.stake_rewards(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION token.stake_rewards(bigint) TO chain_app, chain_user, chain_readonly;
