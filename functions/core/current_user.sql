-- core.current_user_id() → bigint, core.current_wallet() → core.wallet_address
--   Who the current request acts for, as RLS policies see it. Read, in order:
--     1. request.jwt.claims (set by PostgREST per request): claim "user_id", else a numeric "sub";
--        core.current_wallet() reads the claim "wallet";
--     2. app.user_id / app.wallet (set by the backend: SET LOCAL app.user_id = '42').
--   Empty or missing settings give NULL (PostgREST leaves '' behind after a transaction), as do a
--   non-numeric user id and an invalid wallet — NULL matches no row, so a policy denies.
--   STABLE: call them in policies as (SELECT core.current_user_id()) so the planner runs them once.
--   core.current_user_id() is one expression with no FROM, no SET clause and only schema-qualified
--   calls, so the planner inlines it (a SQL function that is not inlined is re-planned at every
--   call: the cost of a per-row audit trigger and of every RLS query). No SET search_path is
--   needed: it is SECURITY INVOKER and resolves nothing through the search_path.
--   Callable by chain_app, chain_user, chain_readonly (policies run with the caller's privileges).
CREATE FUNCTION core.current_user_id()
RETURNS bigint
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
    -- one expression, functions only (no operator resolved through the caller's search_path):
    -- the claim user_id when non-empty, else a numeric sub, else app.user_id; then digits only, or
    -- NULL. As few calls as that takes, since the executor sets each one up (a privilege check
    -- each) at every INSERT of the audit row trigger: the claims are tested for '' once and parsed
    -- only when set, and app.user_id needs no test for '' (the final digits test makes it NULL).
    SELECT CAST(pg_catalog.substring(
               COALESCE(
                   CASE WHEN pg_catalog.textne(pg_catalog.current_setting('request.jwt.claims', true), '')
                   THEN COALESCE(
                       pg_catalog.substring(pg_catalog.jsonb_extract_path_text(
                           CAST(pg_catalog.current_setting('request.jwt.claims', true) AS pg_catalog.jsonb), 'user_id'),
                           '^.+$'),
                       pg_catalog.substring(pg_catalog.jsonb_extract_path_text(
                           CAST(pg_catalog.current_setting('request.jwt.claims', true) AS pg_catalog.jsonb), 'sub'),
                           '^[0-9]{1,18}$')) END,
                   pg_catalog.current_setting('app.user_id', true)),
               '^[0-9]{1,18}$') AS pg_catalog.int8)
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
