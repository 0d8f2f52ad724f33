-- pgTAP: core/current_user — core.current_user_id() and core.current_wallet().
BEGIN;
SELECT plan(25);

SELECT has_function('core', 'current_user_id', ARRAY[]::text[], 'core.current_user_id(): exists');
SELECT function_returns('core', 'current_user_id', ARRAY[]::text[], 'bigint', 'core.current_user_id(): returns bigint');
SELECT volatility_is('core', 'current_user_id', ARRAY[]::text[], 'stable', 'core.current_user_id(): stable');
SELECT isnt_definer('core', 'current_user_id', ARRAY[]::text[], 'core.current_user_id(): security invoker');
SELECT ok((SELECT p.proconfig IS NULL AND l.lanname = 'sql'
             FROM pg_catalog.pg_proc AS p JOIN pg_catalog.pg_language AS l ON l.oid = p.prolang
            WHERE p.oid = 'core.current_user_id()'::regprocedure),
          'core.current_user_id(): LANGUAGE sql without SET clause, so the planner can inline it');
-- the planner inlines it: the plan shows its calls, not the function (an audited row pays for
-- every call of it; a SQL function that is not inlined would also be planned at each call)
CREATE TEMP TABLE tmp_plan (line text);
DO $$
DECLARE
    v_line text;
BEGIN
    FOR v_line IN EXECUTE 'EXPLAIN (VERBOSE, COSTS OFF) SELECT core.current_user_id()' LOOP
        INSERT INTO tmp_plan VALUES (v_line);
    END LOOP;
END
$$;
SELECT ok((SELECT pg_catalog.bool_or(line ~ 'current_setting') AND NOT pg_catalog.bool_or(line ~ 'current_user_id') FROM tmp_plan),
          'core.current_user_id(): inlined by the planner (the plan shows current_setting(), not the function)');
SELECT function_privs_are('core', 'current_user_id', ARRAY[]::text[], 'public', ARRAY[]::text[],
                          'core.current_user_id(): PUBLIC cannot execute');
SELECT function_privs_are('core', 'current_user_id', ARRAY[]::text[], 'chain_user', ARRAY['EXECUTE'],
                          'core.current_user_id(): chain_user may execute');
SELECT has_function('core', 'current_wallet', ARRAY[]::text[], 'core.current_wallet(): exists');
SELECT function_returns('core', 'current_wallet', ARRAY[]::text[], 'core.wallet_address', 'core.current_wallet(): returns core.wallet_address');
SELECT volatility_is('core', 'current_wallet', ARRAY[]::text[], 'stable', 'core.current_wallet(): stable');
SELECT function_privs_are('core', 'current_wallet', ARRAY[]::text[], 'public', ARRAY[]::text[],
                          'core.current_wallet(): PUBLIC cannot execute');

-- nothing set, or empty strings as PostgREST leaves them: NULL
SELECT set_config('request.jwt.claims', '', true), set_config('app.user_id', '', true), set_config('app.wallet', '', true);
SELECT is(core.current_user_id(), NULL, 'core.current_user_id(): NULL on empty settings');
SELECT is(core.current_wallet()::text, NULL, 'core.current_wallet(): NULL on empty settings');
-- app.* fallback
SELECT set_config('app.user_id', '42', true), set_config('app.wallet', '0x52908400098527886E0F7030069857D2E4169EE7', true);
SELECT is(core.current_user_id(), 42::bigint, 'core.current_user_id(): from app.user_id');
SELECT is(core.current_wallet()::text, '0x52908400098527886e0f7030069857d2e4169ee7',
          'core.current_wallet(): from app.wallet, normalised');
-- claims win
SELECT set_config('request.jwt.claims', '{"user_id": 7, "wallet": "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa"}', true);
SELECT is(core.current_user_id(), 7::bigint, 'core.current_user_id(): request.jwt.claims user_id wins over app.user_id');
SELECT is(core.current_wallet()::text, '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa', 'core.current_wallet(): claims wallet wins');
SELECT set_config('request.jwt.claims', '{"sub": "9"}', true);
SELECT is(core.current_user_id(), 9::bigint, 'core.current_user_id(): numeric sub claim');
SELECT set_config('request.jwt.claims', '{"sub": "9", "user_id": ""}', true);
SELECT is(core.current_user_id(), 9::bigint, 'core.current_user_id(): an empty user_id claim falls through to sub');
SELECT set_config('request.jwt.claims', '{"sub": "9", "user_id": "abc"}', true);
SELECT is(core.current_user_id(), NULL, 'core.current_user_id(): NULL for a non-numeric user_id claim (no fall-through)');
SELECT set_config('request.jwt.claims', '{"sub": "x", "user_id": null}', true);
SELECT is(core.current_user_id(), 42::bigint, 'core.current_user_id(): a null user_id and a non-numeric sub fall through to app.user_id');
SELECT set_config('request.jwt.claims', '{"sub": "a3f0c2"}', true), set_config('app.user_id', '', true);
SELECT is(core.current_user_id(), NULL, 'core.current_user_id(): NULL for a non-numeric sub');
SELECT set_config('request.jwt.claims', '', true), set_config('app.user_id', '1; DROP TABLE x', true);
SELECT is(core.current_user_id(), NULL, 'core.current_user_id(): NULL for a non-numeric app.user_id');
SELECT set_config('app.wallet', 'nope', true);
SELECT is(core.current_wallet()::text, NULL, 'core.current_wallet(): NULL for an invalid wallet');

SELECT * FROM finish();
ROLLBACK;
