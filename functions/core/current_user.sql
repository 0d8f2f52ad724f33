-- core.current_user_id() → bigint, core.current_wallet() → core.wallet_address
--   Who the current request acts for, as RLS policies see it. Read, in order:
--     1. request.jwt.claims (set by PostgREST per request): claim "user_id", else a numeric "sub";
--        core.current_wallet() reads the claim "wallet";
--     2. app.user_id / app.wallet (set by the backend: SET LOCAL app.user_id = '42').
--   Empty or missing settings give NULL (PostgREST leaves '' behind after a transaction), as do a
--   non-numeric user id and an invalid wallet — NULL matches no row, so a policy denies.
--   STABLE: call them in policies as (SELECT core.current_user_id()) so the planner runs them once.
--   Callable by chain_app, chain_user, chain_readonly (policies run with the caller's privileges).
CREATE FUNCTION core.current_user_id()
RETURNS bigint
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT CASE WHEN s.v ~ '^[0-9]{1,18}$' THEN s.v::bigint END
      FROM (
        SELECT COALESCE(
                   NULLIF(c.claims ->> 'user_id', ''),
                   CASE WHEN c.claims ->> 'sub' ~ '^[0-9]{1,18}$' THEN c.claims ->> 'sub' END,
                   NULLIF(pg_catalog.current_setting('app.user_id', true), '')) AS v
          FROM (SELECT NULLIF(pg_catalog.current_setting('request.jwt.claims', true), '')::jsonb AS claims) AS c
      ) AS s
$$;
COMMENT ON FUNCTION core.current_user_id() IS
    'Id of the user the request acts for: request.jwt.claims user_id (or numeric sub), else app.user_id; NULL when unset or not a number. Use as (SELECT core.current_user_id()) in policies.';
REVOKE ALL ON FUNCTION core.current_user_id() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION core.current_user_id() TO chain_app, chain_user, chain_readonly;

CREATE FUNCTION core.current_wallet()
RETURNS core.wallet_address
LANGUAGE plpgsql STABLE PARALLEL RESTRICTED  -- its EXCEPTION block needs a subtransaction
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_raw text := COALESCE(
        NULLIF(NULLIF(pg_catalog.current_setting('request.jwt.claims', true), '')::jsonb ->> 'wallet', ''),
        NULLIF(pg_catalog.current_setting('app.wallet', true), ''));
BEGIN
    RETURN core.normalize_wallet(v_raw);
EXCEPTION WHEN check_violation THEN
    RETURN NULL;  -- an invalid wallet identifies nobody
END
$$;
COMMENT ON FUNCTION core.current_wallet() IS
    'Wallet the request acts for: request.jwt.claims wallet, else app.wallet, normalised; NULL when unset or invalid.';
REVOKE ALL ON FUNCTION core.current_wallet() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION core.current_wallet() TO chain_app, chain_user, chain_readonly;
