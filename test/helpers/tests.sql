-- test/helpers/tests.sql — helpers for pgTAP files, loaded into the test template database
-- after deploy (psql -f). Not part of the plan: never deployed to a real database.
--
--   tests.act_as(p_user_id)     SET LOCAL ROLE chain_user with the claims of that user
--   tests.act_as_role(p_role)   SET LOCAL ROLE to a chain_* role, claims cleared
--   tests.reset_role()          back to the session user (the superuser running the tests)
--   tests.create_user(...)      insert a user (bypassing RLS) and return its id
--   tests.schema_conventions(s) the 9 pgTAP assertions every schema of ours meets (owner, comment,
--                               USAGE grants, nothing for PUBLIC, default privileges of new tables)
--
-- Role switches are transaction-local: the pgTAP file's ROLLBACK ends them. SET ROLE is checked
-- against the session user (a superuser), so the helpers work from any role they switched to.
-- The chain roles get USAGE and EXECUTE here; a database with this schema loaded must drop it
-- (DROP SCHEMA tests CASCADE) before roles/roles can be reverted.

BEGIN;
SET LOCAL search_path = pg_catalog, pg_temp;

-- reloadable: the schema holds nothing but these helpers
DROP SCHEMA IF EXISTS tests CASCADE;
CREATE SCHEMA tests;
COMMENT ON SCHEMA tests IS 'Test helpers (test/helpers/tests.sql); not part of the chaindb plan.';

-- pgTAP lives in schema tap: roles the tests switch to must reach it
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = 'tap') THEN
        GRANT USAGE ON SCHEMA tap TO PUBLIC;
    END IF;
END
$$;

CREATE OR REPLACE FUNCTION tests.act_as(p_user_id bigint)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    PERFORM pg_catalog.set_config('role', 'chain_user', true);
    PERFORM pg_catalog.set_config('request.jwt.claims',
        pg_catalog.json_build_object('role', 'chain_user', 'user_id', p_user_id)::text, true);
    PERFORM pg_catalog.set_config('app.user_id', COALESCE(p_user_id::text, ''), true);
END
$$;
COMMENT ON FUNCTION tests.act_as(bigint) IS 'Act as end user p_user_id: role chain_user, request.jwt.claims and app.user_id set (transaction-local).';

CREATE OR REPLACE FUNCTION tests.act_as_role(p_role name)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF p_role !~ '^chain_' THEN
        RAISE EXCEPTION 'tests.act_as_role: % is not a chaindb role', p_role;
    END IF;
    PERFORM pg_catalog.set_config('request.jwt.claims', '', true);
    PERFORM pg_catalog.set_config('app.user_id', '', true);
    PERFORM pg_catalog.set_config('role', p_role, true);
END
$$;
COMMENT ON FUNCTION tests.act_as_role(name) IS 'Act as chain_* role p_role with no user claims (transaction-local).';

CREATE OR REPLACE FUNCTION tests.reset_role()
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    PERFORM pg_catalog.set_config('request.jwt.claims', '', true);
    PERFORM pg_catalog.set_config('app.user_id', '', true);
    PERFORM pg_catalog.set_config('role', 'none', true);
END
$$;
COMMENT ON FUNCTION tests.reset_role() IS 'Back to the session user, claims cleared.';

-- SECURITY DEFINER owned by the superuser loading this file: inserts regardless of RLS.
CREATE OR REPLACE FUNCTION tests.create_user(
    p_wallet text DEFAULT NULL,
    p_email  text DEFAULT NULL,
    p_tier   text DEFAULT 'free')
RETURNS bigint
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_id bigint;
BEGIN
    INSERT INTO core.users (wallet_address, email, tier)
    VALUES (core.normalize_wallet(COALESCE(p_wallet,
                CASE WHEN p_email IS NULL
                     THEN '0x' || pg_catalog.substr(pg_catalog.md5(pg_catalog.random()::text)
                                                 || pg_catalog.md5(pg_catalog.random()::text), 1, 40)
                END)),
            p_email, p_tier::core.user_tier)
    RETURNING id INTO v_id;
    RETURN v_id;
END
$$;
COMMENT ON FUNCTION tests.create_user(text, text, text) IS 'Insert a user (random EVM wallet when neither wallet nor e-mail is given); returns its id.';

-- The conventions every schema change sets up (deploy/core/schema.sql is the model): one
-- function, so each <schema>/schema.sql test states them in one line and adds only what differs.
CREATE FUNCTION tests.schema_conventions(p_schema name)
RETURNS SETOF text
LANGUAGE plpgsql
SET search_path = tap, pg_catalog, pg_temp
AS $$
BEGIN
    RETURN NEXT has_schema(p_schema, p_schema || ': exists');
    RETURN NEXT schema_owner_is(p_schema, 'chain_owner', p_schema || ': owned by chain_owner');
    RETURN NEXT ok(pg_catalog.obj_description(p_schema::regnamespace, 'pg_namespace') IS NOT NULL,
                   p_schema || ': has a comment');
    RETURN NEXT schema_privs_are(p_schema, 'chain_user', ARRAY['USAGE'], p_schema || ': chain_user has USAGE only');
    RETURN NEXT schema_privs_are(p_schema, 'chain_app', ARRAY['USAGE'], p_schema || ': chain_app has USAGE only');
    RETURN NEXT schema_privs_are(p_schema, 'chain_readonly', ARRAY['USAGE'],
                                 p_schema || ': chain_readonly has USAGE only');
    RETURN NEXT schema_privs_are(p_schema, 'public', ARRAY[]::text[], p_schema || ': PUBLIC has nothing');

    -- default privileges: a table created by chain_owner inherits them (left for the caller's
    -- own assertions as <schema>.tmp_default_privs; the test's ROLLBACK removes it)
    SET LOCAL ROLE chain_owner;
    EXECUTE pg_catalog.format('CREATE TABLE %I.tmp_default_privs (id int)', p_schema);
    RESET ROLE;
    RETURN NEXT table_privs_are(p_schema, 'tmp_default_privs', 'chain_app',
                                ARRAY['DELETE', 'INSERT', 'SELECT', 'UPDATE'],
                                p_schema || ': new tables give chain_app DML (default privileges)');
    RETURN NEXT table_privs_are(p_schema, 'tmp_default_privs', 'chain_user', ARRAY[]::text[],
                                p_schema || ': new tables give chain_user nothing (default privileges)');
END
$$;
COMMENT ON FUNCTION tests.schema_conventions(name) IS
    'The 9 pgTAP assertions of the schema conventions (owner, comment, USAGE grants, PUBLIC, default privileges); creates <schema>.tmp_default_privs.';

GRANT USAGE ON SCHEMA tests TO chain_owner, chain_app, chain_user, chain_readonly, chain_analytics, chain_auditor, chain_monitor;
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA tests FROM PUBLIC;
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA tests
    TO chain_owner, chain_app, chain_user, chain_readonly, chain_analytics, chain_auditor, chain_monitor;

COMMIT;
