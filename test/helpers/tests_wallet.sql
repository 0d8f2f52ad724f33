-- test/helpers/tests_wallet.sql — the wallet variant of tests.act_as, for the wallet-keyed schemas
-- (memory: RLS by core.current_wallet()). Loaded after tests.sql (name order), into its schema.
--
--   tests.act_as_wallet(p_wallet, p_role DEFAULT 'chain_user')
--       SET LOCAL ROLE p_role with request.jwt.claims {"role": …, "wallet": p_wallet} and app.wallet
--       (app.user_id and the user_id claim cleared); NULL clears the wallet.
--   tests.clear_wallet()   clears the wallet claim and app.wallet (the role stays).

BEGIN;
SET LOCAL search_path = pg_catalog, pg_temp;

CREATE OR REPLACE FUNCTION tests.act_as_wallet(p_wallet text, p_role name DEFAULT 'chain_user')
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF p_role !~ '^chain_' THEN
        RAISE EXCEPTION 'tests.act_as_wallet: % is not a chaindb role', p_role;
    END IF;
    PERFORM pg_catalog.set_config('role', p_role, true);
    PERFORM pg_catalog.set_config('request.jwt.claims',
        CASE WHEN p_wallet IS NULL THEN '' ELSE pg_catalog.json_build_object('role', p_role, 'wallet', p_wallet)::text END, true);
    PERFORM pg_catalog.set_config('app.wallet', COALESCE(p_wallet, ''), true);
    PERFORM pg_catalog.set_config('app.user_id', '', true);
END
$$;
COMMENT ON FUNCTION tests.act_as_wallet(text, name) IS 'Act as the owner of wallet p_wallet: role p_role (default chain_user), request.jwt.claims wallet and app.wallet set (transaction-local).';

CREATE OR REPLACE FUNCTION tests.clear_wallet()
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    PERFORM pg_catalog.set_config('request.jwt.claims', '', true);
    PERFORM pg_catalog.set_config('app.wallet', '', true);
END
$$;
COMMENT ON FUNCTION tests.clear_wallet() IS 'Clears the wallet claim and app.wallet (transaction-local); the role stays.';

REVOKE ALL ON FUNCTION tests.act_as_wallet(text, name), tests.clear_wallet() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION tests.act_as_wallet(text, name), tests.clear_wallet()
    TO chain_owner, chain_app, chain_user, chain_readonly, chain_analytics, chain_auditor, chain_monitor;

COMMIT;
