-- pgTAP: auth/sessions — auth.sessions, the session API (revoke_session, revoke_all_sessions,
-- is_session_valid), final revocation (keep_revocation), secrets and own-row RLS.
BEGIN;
SELECT plan(97);

-- structure
SELECT has_table('auth', 'sessions', 'auth.sessions: exists');
SELECT tests.table_conventions('auth.sessions');  -- 9: owner, comments, RLS forced, indexed FKs/policy columns, PUBLIC, backend access
SELECT columns_are('auth', 'sessions', ARRAY['id', 'user_id', 'jti', 'token_hash', 'issued_at', 'expires_at', 'revoked_at',
                   'ip_address', 'user_agent'], 'auth.sessions: exactly these columns (no token column)');
SELECT ok(pg_catalog.col_description('auth.sessions'::regclass, a.attnum) IS NOT NULL
          AND (a.attnotnull OR a.attname IN ('revoked_at', 'ip_address', 'user_agent')),
          'auth.sessions.' || a.attname || ': has a comment; NOT NULL unless optional')
  FROM pg_catalog.pg_attribute AS a WHERE a.attrelid = 'auth.sessions'::regclass AND a.attnum > 0 ORDER BY a.attnum;
SELECT col_type_is('auth', 'sessions', c, t, 'auth.sessions.' || c || ': ' || t)
  FROM (VALUES ('token_hash', 'bytea'), ('jti', 'text'), ('ip_address', 'inet'), ('expires_at', 'timestamp with time zone')) AS v (c, t);
SELECT set_eq(pg_catalog.format('SELECT conname::text FROM pg_catalog.pg_constraint WHERE conrelid = %L::regclass', 'auth.sessions'),
              v, 'auth.sessions: exactly the constraints ' || pg_catalog.array_to_string(v, ', '))
  FROM (VALUES (ARRAY['sessions_pkey', 'sessions_user_id_fkey', 'sessions_jti_key', 'sessions_jti_check', 'sessions_token_hash_key',
                      'sessions_token_hash_check', 'sessions_user_agent_check', 'sessions_expires_after_issue',
                      'sessions_revoked_after_issue'])) AS x (v);
SELECT fk_ok('auth', 'sessions', 'user_id', 'core', 'users', 'id', 'auth.sessions.sessions_user_id_fkey: references core.users');
SELECT indexes_are('auth', 'sessions', ARRAY['sessions_pkey', 'sessions_jti_key', 'sessions_token_hash_key',
                   'sessions_user_id_expires_at_idx', 'sessions_expires_at_idx'], 'auth.sessions: exactly these indexes');
SELECT has_index('auth', 'sessions', 'sessions_user_id_expires_at_idx', ARRAY['user_id', 'expires_at'],
                 'auth.sessions.sessions_user_id_expires_at_idx: on (user_id, expires_at), serves the policies');
SELECT has_index('auth', 'sessions', 'sessions_expires_at_idx', ARRAY['expires_at'], 'auth.sessions.sessions_expires_at_idx: on expires_at');
SELECT triggers_are('auth', 'sessions', ARRAY['sessions_revocation_final'], 'auth.sessions: exactly these triggers');
SELECT trigger_is('auth', 'sessions', 'sessions_revocation_final', 'auth', 'keep_revocation',
                  'auth.sessions.sessions_revocation_final: calls auth.keep_revocation()');

-- functions
SELECT functions_are('auth', ARRAY['revoke_session', 'revoke_all_sessions', 'is_session_valid', 'keep_revocation'],
                     'auth: exactly these functions (auth.revoke_session, auth.revoke_all_sessions, auth.is_session_valid, auth.keep_revocation)');
SELECT function_returns('auth', 'revoke_session', ARRAY['text'], 'boolean', 'auth.revoke_session(text): returns boolean');
SELECT function_returns('auth', 'revoke_all_sessions', ARRAY['bigint'], 'integer', 'auth.revoke_all_sessions(bigint): returns integer');
SELECT function_returns('auth', 'is_session_valid', ARRAY['text', 'bytea'], 'boolean', 'auth.is_session_valid(text, bytea): returns boolean');
SELECT volatility_is('auth', 'is_session_valid', ARRAY['text', 'bytea'], 'stable', 'auth.is_session_valid(text, bytea): STABLE');
SELECT isnt_definer('auth', f, a, 'auth.' || f || '(): SECURITY INVOKER (runs under the caller''s RLS)')
  FROM (VALUES ('revoke_session'::name, ARRAY['text']::name[]), ('revoke_all_sessions', ARRAY['bigint']),
               ('is_session_valid', ARRAY['text', 'bytea'])) AS v (f, a);
SELECT function_privs_are('auth', f, a, r, p, 'auth.' || f || '(): ' || r || ' ' || COALESCE(p[1], 'nothing'))
  FROM (VALUES ('revoke_session'::name, ARRAY['text']::name[], 'chain_user'::name, ARRAY['EXECUTE']),
               ('revoke_session', ARRAY['text'], 'chain_app', ARRAY['EXECUTE']),
               ('revoke_session', ARRAY['text'], 'public', ARRAY[]::text[]),
               ('revoke_all_sessions', ARRAY['bigint'], 'chain_user', ARRAY['EXECUTE']),
               ('revoke_all_sessions', ARRAY['bigint'], 'public', ARRAY[]::text[]),
               ('is_session_valid', ARRAY['text', 'bytea'], 'chain_app', ARRAY['EXECUTE']),
               ('is_session_valid', ARRAY['text', 'bytea'], 'chain_user', ARRAY[]::text[]),
               ('is_session_valid', ARRAY['text', 'bytea'], 'public', ARRAY[]::text[]),
               ('keep_revocation', ARRAY[]::name[], 'public', ARRAY[]::text[])) AS v (f, a, r, p);

-- secrets and RLS
SELECT column_privs_are('auth', 'sessions', 'token_hash', 'chain_readonly', ARRAY[]::text[], 'auth.sessions.token_hash: hidden from chain_readonly');
SELECT column_privs_are('auth', 'sessions', 'token_hash', 'chain_user', ARRAY[]::text[], 'auth.sessions.token_hash: hidden from chain_user');
SELECT column_privs_are('auth', 'sessions', 'revoked_at', 'chain_user', ARRAY['SELECT', 'UPDATE'], 'auth.sessions.revoked_at: chain_user may revoke');
SELECT table_privs_are('auth', 'sessions', 'chain_app', ARRAY['DELETE', 'INSERT', 'SELECT', 'UPDATE'], 'auth.sessions: chain_app has DML');
SELECT table_privs_are('auth', 'sessions', 'chain_readonly', ARRAY[]::text[], 'auth.sessions: chain_readonly has no table-wide privilege');
SELECT table_privs_are('auth', 'sessions', 'chain_analytics', ARRAY[]::text[], 'auth.sessions: chain_analytics has nothing');
SELECT policies_are('auth', 'sessions', ARRAY['sessions_select_own', 'sessions_update_own', 'sessions_select_app', 'sessions_insert_app',
                    'sessions_update_app', 'sessions_delete_app', 'sessions_select_readonly', 'sessions_select_owner'], 'auth.sessions: exactly these policies');
SELECT policy_roles_are('auth', 'sessions', p, ARRAY[r], 'auth.sessions.' || p || ': TO ' || r)
  FROM (VALUES ('sessions_select_own', 'chain_user'), ('sessions_update_own', 'chain_user'), ('sessions_select_app', 'chain_app'),
               ('sessions_insert_app', 'chain_app'), ('sessions_update_app', 'chain_app'), ('sessions_delete_app', 'chain_app'),
               ('sessions_select_readonly', 'chain_readonly')) AS v (p, r);

-- fixture: users 4211, 4212; live, expired and revoked sessions
INSERT INTO core.users (id, wallet_address) OVERRIDING SYSTEM VALUE VALUES
    (4211, '0x0000000000000000000000000000000000004211'), (4212, '0x0000000000000000000000000000000000004212');
INSERT INTO auth.sessions (user_id, jti, token_hash, issued_at, expires_at, ip_address, user_agent) VALUES
    (4211, 't-live-1', pg_catalog.sha256('token-live-1'), now() - interval '1 minute', now() + interval '1 hour', '192.0.2.10', 'Firefox'),
    (4211, 't-live-2', pg_catalog.sha256('token-live-2'), now() - interval '1 minute', now() + interval '1 hour', '192.0.2.11', 'Safari'),
    (4211, 't-expired', pg_catalog.sha256('token-expired'), now() - interval '2 hours', now() - interval '1 hour', NULL, NULL),
    (4212, 't-other-1', pg_catalog.sha256('token-other-1'), now() - interval '1 minute', now() + interval '1 hour', '2001:db8::1', 'curl');
INSERT INTO auth.sessions (user_id, jti, token_hash, issued_at, expires_at, revoked_at) VALUES
    (4211, 't-revoked', pg_catalog.sha256('token-revoked'), now() - interval '10 minutes', now() + interval '1 hour', now() - interval '5 minutes');

-- behaviour: constraints
SELECT throws_ok($$INSERT INTO auth.sessions (user_id, jti, token_hash, expires_at) VALUES (4211, 't-short-hash', '\x00ff', now() + interval '1 hour')$$,
                 '23514', NULL, 'auth.sessions.token_hash: rejects anything but a 32-byte SHA-256');
SELECT throws_ok($$INSERT INTO auth.sessions (user_id, jti, token_hash, expires_at) VALUES (4211, 't-live-1', pg_catalog.sha256('x1'), now() + interval '1 hour')$$,
                 '23505', NULL, 'auth.sessions.sessions_jti_key: rejects a duplicate jti');
SELECT throws_ok($$INSERT INTO auth.sessions (user_id, jti, token_hash, expires_at) VALUES (4211, 't-dup-hash', pg_catalog.sha256('token-live-1'), now() + interval '1 hour')$$,
                 '23505', NULL, 'auth.sessions.sessions_token_hash_key: rejects a reused token hash');
SELECT throws_ok($$INSERT INTO auth.sessions (user_id, jti, token_hash, expires_at) VALUES (4211, 'bad jti!', pg_catalog.sha256('x2'), now() + interval '1 hour')$$,
                 '23514', NULL, 'auth.sessions.jti: rejects a malformed jti');
SELECT throws_ok($$INSERT INTO auth.sessions (user_id, jti, token_hash, issued_at, expires_at) VALUES (4211, 't-backwards', pg_catalog.sha256('x3'), now(), now() - interval '1 second')$$,
                 '23514', NULL, 'auth.sessions.sessions_expires_after_issue: rejects expiry before issue');
SELECT throws_ok($$INSERT INTO auth.sessions (user_id, jti, token_hash, issued_at, expires_at, revoked_at) VALUES (4211, 't-rev-early', pg_catalog.sha256('x4'), now(), now() + interval '1 hour', now() - interval '1 hour')$$,
                 '23514', NULL, 'auth.sessions.sessions_revoked_after_issue: rejects revocation before issue');
SELECT throws_ok($$INSERT INTO auth.sessions (user_id, jti, token_hash, expires_at, user_agent) VALUES (4211, 't-long-ua', pg_catalog.sha256('x5'), now() + interval '1 hour', pg_catalog.repeat('a', 1025))$$,
                 '23514', NULL, 'auth.sessions.user_agent: rejects more than 1024 characters');

-- behaviour: is_session_valid
SELECT ok(auth.is_session_valid('t-live-1', pg_catalog.sha256('token-live-1')), 'auth.is_session_valid(): a live session with its hash is valid');
SELECT ok(NOT auth.is_session_valid('t-live-1', pg_catalog.sha256('token-live-2')), 'auth.is_session_valid(): a wrong token hash is not accepted');
SELECT ok(NOT auth.is_session_valid('t-expired', pg_catalog.sha256('token-expired')), 'auth.is_session_valid(): an expired session is not accepted');
SELECT ok(NOT auth.is_session_valid('t-revoked', pg_catalog.sha256('token-revoked')), 'auth.is_session_valid(): a revoked session is not accepted');
SELECT ok(NOT auth.is_session_valid('t-unknown', pg_catalog.sha256('token-live-1')), 'auth.is_session_valid(): an unknown jti is not accepted');
SELECT ok(NOT auth.is_session_valid(NULL, NULL), 'auth.is_session_valid(): NULLs are not accepted');

-- behaviour: revocation
SELECT ok(auth.revoke_session('t-live-2'), 'auth.revoke_session(): revokes a live session');
SELECT ok(NOT auth.is_session_valid('t-live-2', pg_catalog.sha256('token-live-2')), 'auth.revoke_session(): the revoked session is no longer valid');
SELECT ok(NOT auth.revoke_session('t-live-2'), 'auth.revoke_session(): false for an already revoked session');
SELECT ok(NOT auth.revoke_session('t-unknown'), 'auth.revoke_session(): false for an unknown jti');
SELECT throws_ok($$UPDATE auth.sessions SET revoked_at = NULL WHERE jti = 't-revoked'$$, '55000', NULL,
                 'auth.keep_revocation: a revoked session cannot be revived');
SELECT throws_ok($$UPDATE auth.sessions SET revoked_at = now() WHERE jti = 't-revoked'$$, '55000', NULL,
                 'auth.sessions.sessions_revocation_final: revoked_at cannot be moved once set');

-- behaviour: RLS as the user
SELECT tests.act_as(4212);
SELECT results_eq($$SELECT jti FROM auth.sessions ORDER BY jti$$, ARRAY['t-other-1'], 'auth.sessions.sessions_select_own: a user lists only its sessions');
SELECT throws_ok($$SELECT token_hash FROM auth.sessions$$, '42501', NULL, 'auth.sessions.token_hash: a user cannot read token hashes');
SELECT ok(NOT auth.revoke_session('t-live-1'), 'auth.revoke_session(): a user cannot revoke another user''s session');
SELECT is(auth.revoke_all_sessions(4211), 0, 'auth.revoke_all_sessions(): a user cannot revoke another user''s sessions');
SELECT throws_ok($$SELECT auth.is_session_valid('t-other-1', '\x00')$$, '42501', NULL, 'auth.is_session_valid(): not callable by chain_user');
SELECT throws_ok($$INSERT INTO auth.sessions (user_id, jti, token_hash, expires_at) VALUES (4212, 't-self', pg_catalog.sha256('x6'), now() + interval '1 hour')$$,
                 '42501', NULL, 'auth.sessions: chain_user cannot issue sessions');
SELECT ok(auth.revoke_session('t-other-1'), 'auth.sessions.sessions_update_own: a user revokes its own session');
SELECT tests.act_as_role('chain_readonly');
SELECT is((SELECT pg_catalog.count(*)::int FROM auth.sessions WHERE user_id IN (4211, 4212)), 5,
          'auth.sessions.sessions_select_readonly: chain_readonly sees every session');
SELECT throws_ok($$SELECT token_hash FROM auth.sessions$$, '42501', NULL, 'auth.sessions.token_hash: chain_readonly cannot read token hashes');
SELECT tests.act_as_role('chain_app');
SELECT is((SELECT pg_catalog.count(*)::int FROM auth.sessions WHERE user_id IN (4211, 4212)), 5,
          'auth.sessions.sessions_select_app: the backend sees every session');
SELECT lives_ok($$INSERT INTO auth.sessions (user_id, jti, token_hash, expires_at) VALUES (4211, 't-live-3', pg_catalog.sha256('token-live-3'), now() + interval '1 hour')$$,
                'auth.sessions.sessions_insert_app: the backend issues a session');
SELECT is(auth.revoke_all_sessions(4211), 2, 'auth.revoke_all_sessions(): revokes the live sessions of a user and counts them');
SELECT ok(NOT auth.is_session_valid('t-live-1', pg_catalog.sha256('token-live-1')), 'auth.revoke_all_sessions(): the sessions are no longer valid');
SELECT is(auth.revoke_all_sessions(4211), 0, 'auth.revoke_all_sessions(): nothing left to revoke the second time');
SELECT lives_ok($$UPDATE auth.sessions SET user_agent = 'Firefox 2' WHERE jti = 't-live-3'$$, 'auth.sessions.sessions_update_app: the backend updates a session');
SELECT lives_ok($$DELETE FROM auth.sessions WHERE expires_at < now()$$, 'auth.sessions.sessions_delete_app: the backend purges expired sessions');
SELECT tests.reset_role();

SELECT * FROM finish();
ROLLBACK;
