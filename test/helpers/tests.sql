-- test/helpers/tests.sql — helpers for pgTAP files, loaded into the test template database
-- after deploy (psql -f). Not part of the plan: never deployed to a real database.
--
--   tests.act_as(p_user_id)     SET LOCAL ROLE chain_user with the claims of that user: what the
--                               identity path (chain_authenticator, README Security) sets; the
--                               real login is exercised by test/python/test_identity.py
--   tests.act_as_role(p_role)   SET LOCAL ROLE to a chain_* role, claims cleared
--   tests.reset_role()          back to the session user (the superuser running the tests)
--   tests.create_user(...)      insert a user (bypassing RLS) and return its id
--   tests.schema_conventions(s) the 9 pgTAP assertions every schema of ours meets (owner, comment,
--                               USAGE grants, nothing for PUBLIC, default privileges of new tables)
--   tests.table_conventions(t)  the 9 assertions every table meets (owner, comments, RLS forced,
--                               indexed FKs and policy columns, PUBLIC nothing, backend access)
--   tests.function_conventions(f) the 4 assertions every function meets (owner, comment, PUBLIC
--                               cannot execute, SECURITY DEFINER pins search_path)
--   tests.view_conventions(v, readers) the 6 assertions every view and materialized view meets
--                               (owner, comments, safe read path, exactly these readers, read-only)
--   tests.uses_index(q, idx[, d])  1 assertion: EXPLAIN q uses index idx
--   tests.prunes_to(q, part[, d])  1 assertion: EXPLAIN q scans partition part only
--   tests.outcome(setup, role, user, sql)  what happens when role runs sql (rolled back)
-- (docs/conventions.md documents them with examples.)
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

-- The conventions every table of ours meets (docs/conventions.md): one call per table test,
-- 9 assertions, each description starting with the table's name.
CREATE FUNCTION tests.table_conventions(p_table regclass)
RETURNS SETOF text
LANGUAGE plpgsql
SET search_path = tap, pg_catalog, pg_temp
AS $$
DECLARE
    v_t       text := p_table::text;      -- schema-qualified: no schema of ours is on this search_path
    v_missing text[];
BEGIN
    -- 1. owner
    RETURN NEXT is((SELECT pg_catalog.pg_get_userbyid(c.relowner)::text FROM pg_catalog.pg_class AS c WHERE c.oid = p_table),
                   'chain_owner', v_t || ': owned by chain_owner');
    -- 2. comment on the table
    RETURN NEXT ok(pg_catalog.obj_description(p_table, 'pg_class') IS NOT NULL, v_t || ': has a comment');
    -- 3. comment on every column
    SELECT COALESCE(pg_catalog.array_agg(a.attname::text ORDER BY a.attnum), '{}') INTO v_missing
      FROM pg_catalog.pg_attribute AS a
     WHERE a.attrelid = p_table AND a.attnum > 0 AND NOT a.attisdropped
       AND pg_catalog.col_description(p_table, a.attnum) IS NULL;
    RETURN NEXT is(v_missing, '{}'::text[], v_t || ': every column has a comment');
    -- 4. comment on every policy, every trigger (not the internal ones of constraints) and every
    --    index that does not back a constraint
    SELECT COALESCE(pg_catalog.array_agg(x.what ORDER BY x.what), '{}') INTO v_missing
      FROM (SELECT 'policy ' || p.polname AS what FROM pg_catalog.pg_policy AS p
             WHERE p.polrelid = p_table AND pg_catalog.obj_description(p.oid, 'pg_policy') IS NULL
            UNION ALL
            SELECT 'trigger ' || t.tgname FROM pg_catalog.pg_trigger AS t
             WHERE t.tgrelid = p_table AND NOT t.tgisinternal AND pg_catalog.obj_description(t.oid, 'pg_trigger') IS NULL
            UNION ALL
            SELECT 'index ' || i.indexrelid::regclass::text FROM pg_catalog.pg_index AS i
             WHERE i.indrelid = p_table
               AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint AS k WHERE k.conindid = i.indexrelid AND k.conrelid = p_table)
               AND pg_catalog.obj_description(i.indexrelid, 'pg_class') IS NULL) AS x;
    RETURN NEXT is(v_missing, '{}'::text[], v_t || ': every policy, trigger and index has a comment');
    -- 5. RLS
    RETURN NEXT ok((SELECT c.relrowsecurity AND c.relforcerowsecurity FROM pg_catalog.pg_class AS c WHERE c.oid = p_table),
                   v_t || ': RLS enabled and forced');
    -- 6. every foreign key is served by an index whose leading columns are the key's columns
    SELECT COALESCE(pg_catalog.array_agg(k.conname::text ORDER BY k.conname), '{}') INTO v_missing
      FROM pg_catalog.pg_constraint AS k
     WHERE k.conrelid = p_table AND k.contype = 'f'
       AND NOT EXISTS (
            SELECT 1 FROM pg_catalog.pg_index AS i
             WHERE i.indrelid = p_table AND i.indpred IS NULL
               AND (SELECT pg_catalog.array_agg(i.indkey[n] ORDER BY i.indkey[n])
                      FROM pg_catalog.generate_series(0, pg_catalog.cardinality(k.conkey) - 1) AS n)
                   = (SELECT pg_catalog.array_agg(c ORDER BY c) FROM pg_catalog.unnest(k.conkey) AS c));
    RETURN NEXT is(v_missing, '{}'::text[], v_t || ': every foreign key is indexed');
    -- 7. every column a policy reads leads some index (partial ones count)
    SELECT COALESCE(pg_catalog.array_agg(DISTINCT a.attname::text), '{}') INTO v_missing
      FROM pg_catalog.pg_policy AS p
      JOIN pg_catalog.pg_depend AS d
        ON d.classid = 'pg_catalog.pg_policy'::regclass AND d.objid = p.oid
       AND d.refclassid = 'pg_catalog.pg_class'::regclass AND d.refobjid = p_table AND d.refobjsubid > 0
      JOIN pg_catalog.pg_attribute AS a ON a.attrelid = p_table AND a.attnum = d.refobjsubid
     WHERE p.polrelid = p_table
       AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_index AS i WHERE i.indrelid = p_table AND i.indkey[0] = a.attnum);
    RETURN NEXT is(v_missing, '{}'::text[], v_t || ': every column its policies read leads an index');
    -- 8. PUBLIC has no privilege on the table nor on any column
    RETURN NEXT ok(NOT EXISTS (SELECT 1 FROM pg_catalog.pg_class AS c, pg_catalog.aclexplode(c.relacl) AS g
                                WHERE c.oid = p_table AND g.grantee = 0)
                   AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_attribute AS a, pg_catalog.aclexplode(a.attacl) AS g
                                    WHERE a.attrelid = p_table AND g.grantee = 0),
                   v_t || ': PUBLIC has no privilege');
    -- 9. backend access (core.enable_backend_access): chain_app, chain_readonly and the owner may read it
    SELECT COALESCE(pg_catalog.array_agg(r.rolname::text ORDER BY r.rolname), '{}') INTO v_missing
      FROM pg_catalog.pg_roles AS r
     WHERE r.rolname IN ('chain_app', 'chain_readonly', 'chain_owner')
       AND NOT ((r.rolname = 'chain_owner' OR pg_catalog.has_any_column_privilege(r.oid, p_table, 'SELECT'))
                AND EXISTS (SELECT 1 FROM pg_catalog.pg_policy AS p
                             WHERE p.polrelid = p_table AND p.polcmd IN ('r', '*') AND r.oid = ANY (p.polroles)));
    RETURN NEXT is(v_missing, '{}'::text[], v_t || ': chain_app and chain_readonly read it, and the owner through '
                   || (SELECT c.relname FROM pg_catalog.pg_class AS c WHERE c.oid = p_table) || '_select_owner (core.enable_backend_access)');
END
$$;
COMMENT ON FUNCTION tests.table_conventions(regclass) IS
    'The 9 pgTAP assertions of the table conventions: owner, comments (table; columns; policies, triggers, indexes), RLS forced, FKs indexed, policy columns indexed, nothing for PUBLIC, chain_app/chain_readonly access.';

-- The conventions every view and materialized view of ours meets: 6 assertions.
CREATE FUNCTION tests.view_conventions(p_view regclass, p_readers name[])
RETURNS SETOF text
LANGUAGE plpgsql
SET search_path = tap, pg_catalog, pg_temp
AS $$
DECLARE
    v_v       text := p_view::text;
    v_kind    "char" := (SELECT c.relkind FROM pg_catalog.pg_class AS c WHERE c.oid = p_view);
    v_missing text[];
BEGIN
    -- 1. owner
    RETURN NEXT is((SELECT pg_catalog.pg_get_userbyid(c.relowner)::text FROM pg_catalog.pg_class AS c WHERE c.oid = p_view),
                   'chain_owner', v_v || ': owned by chain_owner');
    -- 2. comment on the view
    RETURN NEXT ok(pg_catalog.obj_description(p_view, 'pg_class') IS NOT NULL, v_v || ': has a comment');
    -- 3. every column is documented: on the view, or on the table column of that name it shows
    SELECT COALESCE(pg_catalog.array_agg(a.attname::text ORDER BY a.attnum), '{}') INTO v_missing
      FROM pg_catalog.pg_attribute AS a
     WHERE a.attrelid = p_view AND a.attnum > 0 AND NOT a.attisdropped
       AND pg_catalog.col_description(p_view, a.attnum) IS NULL
       AND NOT EXISTS (
            SELECT 1 FROM pg_catalog.pg_rewrite AS r
              JOIN pg_catalog.pg_depend AS d ON d.classid = 'pg_catalog.pg_rewrite'::regclass AND d.objid = r.oid
                                            AND d.refclassid = 'pg_catalog.pg_class'::regclass AND d.refobjid <> p_view
              JOIN pg_catalog.pg_attribute AS t ON t.attrelid = d.refobjid AND t.attnum = d.refobjsubid
             WHERE r.ev_class = p_view AND t.attname = a.attname
               AND pg_catalog.col_description(t.attrelid, t.attnum) IS NOT NULL);
    RETURN NEXT is(v_missing, '{}'::text[], v_v || ': every column has a comment (its own or its source column''s)');
    -- 4. the read path: a view runs with the caller's rights (security_invoker, so RLS applies);
    --    a materialized view has a unique index on plain columns (REFRESH … CONCURRENTLY), every
    --    index commented, and is registered in maint.matview_schedule
    IF v_kind = 'v' THEN
        RETURN NEXT ok((SELECT COALESCE('security_invoker=true' = ANY (c.reloptions), false)
                          FROM pg_catalog.pg_class AS c WHERE c.oid = p_view),
                       v_v || ': security_invoker (the caller''s policies apply)');
    ELSE
        SELECT COALESCE(pg_catalog.array_agg(x.what ORDER BY x.what), '{}') INTO v_missing
          FROM (SELECT 'no unique index on plain columns' AS what
                 WHERE NOT EXISTS (SELECT 1 FROM pg_catalog.pg_index AS i
                                    WHERE i.indrelid = p_view AND i.indisunique AND i.indpred IS NULL AND i.indexprs IS NULL)
                UNION ALL
                SELECT 'index ' || i.indexrelid::regclass::text || ' has no comment' FROM pg_catalog.pg_index AS i
                 WHERE i.indrelid = p_view AND pg_catalog.obj_description(i.indexrelid, 'pg_class') IS NULL
                UNION ALL
                SELECT 'not in maint.matview_schedule'
                 WHERE NOT EXISTS (SELECT 1 FROM maint.matview_schedule AS s WHERE s.matview = p_view)) AS x;
        RETURN NEXT is(v_missing, '{}'::text[], v_v || ': refreshable CONCURRENTLY, indexes commented, scheduled');
    END IF;
    -- 5. exactly these roles may read it (PUBLIC and every other role of ours may not)
    RETURN NEXT is((SELECT COALESCE(pg_catalog.array_agg(r.rolname::text ORDER BY r.rolname), '{}')
                      FROM pg_catalog.pg_roles AS r
                     WHERE r.rolname LIKE 'chain\_%' AND r.rolname <> 'chain_owner' AND NOT r.rolsuper
                       AND pg_catalog.has_table_privilege(r.oid, p_view, 'SELECT')),
                   (SELECT COALESCE(pg_catalog.array_agg(x::text ORDER BY x), '{}') FROM pg_catalog.unnest(p_readers) AS x),
                   v_v || ': read by ' || pg_catalog.array_to_string(p_readers, ', ') || ' and no other role of ours');
    -- 6. read-only: no privilege but SELECT for anyone but the owner, nothing for PUBLIC
    SELECT COALESCE(pg_catalog.array_agg(DISTINCT CASE WHEN g.grantee = 0 THEN 'PUBLIC' ELSE pg_catalog.pg_get_userbyid(g.grantee)::text END
                                         || ' ' || g.privilege_type), '{}') INTO v_missing
      FROM pg_catalog.pg_class AS c, pg_catalog.aclexplode(c.relacl) AS g
     WHERE c.oid = p_view AND g.grantee <> c.relowner AND (g.grantee = 0 OR g.privilege_type <> 'SELECT');
    RETURN NEXT is(v_missing, '{}'::text[], v_v || ': read-only (SELECT only, nothing for PUBLIC)');
END
$$;
COMMENT ON FUNCTION tests.view_conventions(regclass, name[]) IS
    'The 6 pgTAP assertions of the view conventions: owner, comments (view; columns, own or source), security_invoker or concurrent refresh and schedule, exactly the given readers, read-only.';

-- The conventions every function of ours meets: 4 assertions.
CREATE FUNCTION tests.function_conventions(p_function regprocedure)
RETURNS SETOF text
LANGUAGE plpgsql
SET search_path = tap, pg_catalog, pg_temp
AS $$
DECLARE
    v_f   text := p_function::text;
    v_p   record;
    v_sp  text;
BEGIN
    SELECT p.* INTO v_p FROM pg_catalog.pg_proc AS p WHERE p.oid = p_function;
    RETURN NEXT is(pg_catalog.pg_get_userbyid(v_p.proowner)::text, 'chain_owner', v_f || ': owned by chain_owner');
    RETURN NEXT ok(pg_catalog.obj_description(p_function, 'pg_proc') IS NOT NULL, v_f || ': has a comment');
    RETURN NEXT ok(NOT pg_catalog.has_function_privilege('public', p_function, 'EXECUTE'), v_f || ': PUBLIC cannot execute');
    IF v_p.prosecdef THEN
        SELECT pg_catalog.substr(c, pg_catalog.length('search_path=') + 1) INTO v_sp
          FROM pg_catalog.unnest(v_p.proconfig) AS c WHERE c LIKE 'search\_path=%';
        RETURN NEXT ok(v_sp IS NOT NULL AND v_sp !~ '(^|[ ,])("?\$user"?|public)($|[ ,])'
                       AND pg_catalog.split_part(v_sp, ',', 1) = 'pg_catalog',
                       v_f || ': SECURITY DEFINER pins search_path to pg_catalog first, no public');
    ELSE
        RETURN NEXT pass(v_f || ': SECURITY INVOKER (no search_path to pin)');
    END IF;
END
$$;
COMMENT ON FUNCTION tests.function_conventions(regprocedure) IS
    'The 4 pgTAP assertions of the function conventions: owner chain_owner, comment, no EXECUTE for PUBLIC, SECURITY DEFINER pins search_path (pg_catalog first, no public/$user).';

-- The query is served by the index (EXPLAIN, run as the current role, so RLS quals are planned
-- too). One assertion; on failure the plan is printed as diagnostics. No planner setting is
-- changed: give the table enough rows (and ANALYZE it) for the plan to be the real one.
CREATE FUNCTION tests.uses_index(p_query text, p_index name, p_description text DEFAULT NULL)
RETURNS text
LANGUAGE plpgsql
SET search_path = tap, pg_catalog, pg_temp
AS $$
DECLARE
    v_index name := COALESCE((SELECT c.relname FROM pg_catalog.pg_class AS c
                               WHERE c.oid = pg_catalog.to_regclass(p_index::text)),
                             pg_catalog.regexp_replace(p_index::text, '^.*\.', ''));
    v_plan  jsonb;
    v_text  text;
    v_ok    boolean;
BEGIN
    EXECUTE 'EXPLAIN (FORMAT JSON) ' || p_query INTO v_plan;
    v_ok := pg_catalog.jsonb_path_exists(v_plan, '$.** ? (@."Index Name" == $n)',
                                         pg_catalog.jsonb_build_object('n', v_index));
    IF v_ok THEN
        RETURN ok(true, COALESCE(p_description, p_index || ': serves ' || pg_catalog.left(p_query, 80)));
    END IF;
    SELECT pg_catalog.string_agg(l, E'\n') INTO v_text FROM (SELECT * FROM tests._explain(p_query)) AS e (l);
    RETURN ok(false, COALESCE(p_description, p_index || ': serves ' || pg_catalog.left(p_query, 80)))
        || E'\n' || diag('plan does not use ' || v_index || E':\n' || v_text);
END
$$;
COMMENT ON FUNCTION tests.uses_index(text, name, text) IS
    'One pgTAP assertion: EXPLAIN of p_query (as the current role) uses index p_index (Index, Index Only or Bitmap Index Scan); the plan is printed on failure.';

-- The query scans exactly one partition, p_partition (EXPLAIN shows plan-time and executor
-- start-up pruning, e.g. of now()-relative bounds). One assertion.
CREATE FUNCTION tests.prunes_to(p_query text, p_partition name, p_description text DEFAULT NULL)
RETURNS text
LANGUAGE plpgsql
SET search_path = tap, pg_catalog, pg_temp
AS $$
DECLARE
    v_part    name := COALESCE((SELECT c.relname FROM pg_catalog.pg_class AS c
                                 WHERE c.oid = pg_catalog.to_regclass(p_partition::text)),
                               pg_catalog.regexp_replace(p_partition::text, '^.*\.', ''));
    v_plan    jsonb;
    v_scanned text[];
    v_text    text;
    v_desc    text := COALESCE(p_description, p_partition || ': the only partition scanned by ' || pg_catalog.left(p_query, 80));
BEGIN
    EXECUTE 'EXPLAIN (FORMAT JSON) ' || p_query INTO v_plan;
    SELECT COALESCE(pg_catalog.array_agg(DISTINCT r.name ORDER BY r.name), '{}') INTO v_scanned
      FROM pg_catalog.jsonb_path_query(v_plan, '$.**."Relation Name"') AS j (v)
      CROSS JOIN LATERAL (SELECT j.v #>> '{}' AS name) AS r
     WHERE EXISTS (SELECT 1 FROM pg_catalog.pg_class AS c WHERE c.relname = r.name AND c.relispartition);
    IF v_scanned = ARRAY[v_part::text] THEN
        RETURN ok(true, v_desc);
    END IF;
    SELECT pg_catalog.string_agg(l, E'\n') INTO v_text FROM (SELECT * FROM tests._explain(p_query)) AS e (l);
    RETURN ok(false, v_desc) || E'\n'
        || diag('partitions scanned: ' || COALESCE(pg_catalog.array_to_string(v_scanned, ', '), '') || E'\n' || v_text);
END
$$;
COMMENT ON FUNCTION tests.prunes_to(text, name, text) IS
    'One pgTAP assertion: EXPLAIN of p_query (as the current role) scans exactly one partition, p_partition; the plan is printed on failure.';

CREATE FUNCTION tests._explain(p_query text)
RETURNS SETOF text
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    RETURN QUERY EXECUTE 'EXPLAIN ' || p_query;
END
$$;
COMMENT ON FUNCTION tests._explain(text) IS 'The text plan of a query (diagnostics of uses_index and prunes_to).';

-- What happens when p_role (with the claims of p_user_id for chain_user) runs p_attempt after
-- p_setup ran as the caller: 'ok' (rows affected), '0 rows' (nothing matched: hidden by RLS),
-- or '<SQLSTATE>: <message>'. Everything (setup included) is rolled back: a subtransaction.
CREATE FUNCTION tests.outcome(p_setup text, p_role name, p_user_id bigint, p_attempt text)
RETURNS text
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_rows   bigint;
    v_result text;
BEGIN
    BEGIN
        IF p_setup IS NOT NULL THEN
            EXECUTE p_setup;
        END IF;
        IF p_role = 'chain_user' THEN
            PERFORM tests.act_as(p_user_id);
        ELSE
            PERFORM tests.act_as_role(p_role);
        END IF;
        EXECUTE p_attempt;
        GET DIAGNOSTICS v_rows = ROW_COUNT;
        v_result := CASE WHEN v_rows > 0 THEN 'ok' ELSE '0 rows' END;
        RAISE EXCEPTION USING ERRCODE = 'T0OUT', MESSAGE = v_result;   -- roll it all back
    EXCEPTION
        WHEN SQLSTATE 'T0OUT' THEN
            RETURN SQLERRM;
        WHEN OTHERS THEN
            RETURN SQLSTATE || ': ' || SQLERRM;
    END;
END
$$;
COMMENT ON FUNCTION tests.outcome(text, name, bigint, text) IS
    'Runs p_setup (as the caller) then p_attempt as p_role (chain_user: with the claims of p_user_id) in a rolled-back subtransaction; returns ok, 0 rows or SQLSTATE: message.';

GRANT USAGE ON SCHEMA tests TO chain_owner, chain_app, chain_user, chain_readonly, chain_analytics, chain_auditor, chain_monitor,
    chain_authenticator;
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA tests FROM PUBLIC;
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA tests
    TO chain_owner, chain_app, chain_user, chain_readonly, chain_analytics, chain_auditor, chain_monitor, chain_authenticator;

COMMIT;
