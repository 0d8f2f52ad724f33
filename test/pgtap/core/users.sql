-- pgTAP: core/users — structure, constraints, trigger, privileges, RLS of core.users.
BEGIN;
SELECT plan(105);

SELECT has_table('core', 'users', 'core.users: exists');
SELECT tests.table_conventions('core.users');  -- 9: owner, comments, RLS forced, indexed FKs/policy columns, PUBLIC, backend access
SELECT columns_are('core', 'users', ARRAY['id', 'wallet_address', 'email', 'tier', 'is_custodial', 'reputation_score',
                   'preferences', 'created_at', 'updated_at', 'last_login_at'], 'core.users: exactly these columns');

-- columns: type, nullability, default
SELECT col_type_is('core', 'users', c, t, 'core.users.' || c || ': ' || t)
  FROM (VALUES ('id', 'bigint'), ('wallet_address', 'core.wallet_address'), ('email', 'text'),
               ('tier', 'core.user_tier'), ('is_custodial', 'boolean'), ('reputation_score', 'numeric(12,4)'),
               ('preferences', 'jsonb'), ('created_at', 'timestamp with time zone'),
               ('updated_at', 'timestamp with time zone'), ('last_login_at', 'timestamp with time zone')) AS v (c, t);
SELECT col_not_null('core', 'users', c, 'core.users.' || c || ': not null')
  FROM pg_catalog.unnest(ARRAY['id', 'tier', 'is_custodial', 'reputation_score', 'preferences', 'created_at', 'updated_at']) AS c;
SELECT col_is_null('core', 'users', c, 'core.users.' || c || ': nullable')
  FROM pg_catalog.unnest(ARRAY['wallet_address', 'email', 'last_login_at']) AS c;
SELECT col_default_is('core', 'users', c, d, 'core.users.' || c || ': default ' || d)
  FROM (VALUES ('tier', 'free'), ('is_custodial', 'false'), ('reputation_score', '0'),
               ('preferences', '{}'), ('created_at', 'now()'), ('updated_at', 'now()')) AS v (c, d);
SELECT col_hasnt_default('core', 'users', c, 'core.users.' || c || ': no default')
  FROM pg_catalog.unnest(ARRAY['wallet_address', 'email', 'last_login_at']) AS c;
SELECT is((SELECT attidentity::text FROM pg_catalog.pg_attribute WHERE attrelid = 'core.users'::regclass AND attname = 'id'),
          'a', 'core.users.id: GENERATED ALWAYS AS IDENTITY');

-- constraints and indexes
SELECT col_is_pk('core', 'users', 'id', 'core.users.users_pkey: primary key on id');
SELECT col_is_unique('core', 'users', ARRAY['wallet_address'], 'core.users.users_wallet_address_key: wallet unique');
SELECT col_has_check('core', 'users', 'email', 'core.users.users_email_check: e-mail checked');
SELECT col_has_check('core', 'users', 'reputation_score', 'core.users.users_reputation_score_check: checked');
SELECT col_has_check('core', 'users', 'preferences', 'core.users.users_preferences_check: checked');
SELECT has_check('core', 'users', 'core.users.users_identified: wallet or e-mail');
SELECT indexes_are('core', 'users', ARRAY['users_pkey', 'users_wallet_address_key', 'users_email_lower_key',
                   'users_tier_idx', 'users_created_at_idx'], 'core.users: exactly these indexes');
SELECT index_is_unique('core', 'users', 'users_email_lower_key', 'core.users.users_email_lower_key: unique');
SELECT has_index('core', 'users', 'users_email_lower_key', 'lower(email)', 'core.users.users_email_lower_key: on lower(email)');
SELECT has_index('core', 'users', 'users_tier_idx', ARRAY['tier'], 'core.users.users_tier_idx: on tier');
SELECT has_index('core', 'users', 'users_created_at_idx', ARRAY['created_at'], 'core.users.users_created_at_idx: on created_at');

-- trigger
-- notify_change* and audit_capture* are added by core/users_feed (tested in test/pgtap/core/users_feed.sql)
SELECT triggers_are('core', 'users', ARRAY['users_set_updated_at', 'notify_change', 'notify_change_truncate', 'audit_capture',
                    'audit_capture_truncate'], 'core.users: exactly these triggers');
SELECT trigger_is('core', 'users', 'users_set_updated_at', 'core', 'set_updated_at',
                  'core.users.users_set_updated_at: calls core.set_updated_at()');

-- privileges
SELECT table_privs_are('core', 'users', 'chain_app', ARRAY['DELETE', 'INSERT', 'SELECT', 'UPDATE'], 'core.users: chain_app has DML');
SELECT table_privs_are('core', 'users', 'chain_user', ARRAY['SELECT'], 'core.users: chain_user has table SELECT only');
SELECT table_privs_are('core', 'users', 'chain_readonly', ARRAY[]::text[], 'core.users: chain_readonly has no table-wide privilege');
SELECT table_privs_are('core', 'users', 'chain_analytics', ARRAY[]::text[], 'core.users: chain_analytics has nothing');
SELECT column_privs_are('core', 'users', 'email', 'chain_readonly', ARRAY[]::text[], 'core.users.email: hidden from chain_readonly');
SELECT column_privs_are('core', 'users', 'wallet_address', 'chain_readonly', ARRAY['SELECT'], 'core.users.wallet_address: readable by chain_readonly');
SELECT column_privs_are('core', 'users', 'preferences', 'chain_user', ARRAY['SELECT', 'UPDATE'], 'core.users.preferences: chain_user may update');
SELECT column_privs_are('core', 'users', 'tier', 'chain_user', ARRAY['SELECT'], 'core.users.tier: chain_user may not update');

-- RLS
SELECT policies_are('core', 'users', ARRAY['users_select_own', 'users_update_own', 'users_select_app', 'users_insert_app',
                    'users_update_app', 'users_delete_app', 'users_select_readonly', 'users_select_owner'], 'core.users: exactly these policies');
SELECT policy_cmd_is('core', 'users', p::name, c, 'core.users.' || p || ': FOR ' || c)
  FROM (VALUES ('users_select_own', 'select'), ('users_update_own', 'update'), ('users_select_app', 'select'),
               ('users_insert_app', 'insert'), ('users_update_app', 'update'), ('users_delete_app', 'delete'),
               ('users_select_readonly', 'select'), ('users_select_owner', 'select')) AS v (p, c);
SELECT policy_roles_are('core', 'users', p, ARRAY[r], 'core.users.' || p || ': TO ' || r)
  FROM (VALUES ('users_select_own', 'chain_user'), ('users_update_own', 'chain_user'), ('users_select_app', 'chain_app'),
               ('users_insert_app', 'chain_app'), ('users_update_app', 'chain_app'), ('users_delete_app', 'chain_app'),
               ('users_select_readonly', 'chain_readonly'), ('users_select_owner', 'chain_owner')) AS v (p, r);

-- behaviour: constraints
INSERT INTO core.users (id, wallet_address, email) OVERRIDING SYSTEM VALUE VALUES
    (9001, '0x1111111111111111111111111111111111111111', 'one@example.com'),
    (9002, '0x2222222222222222222222222222222222222222', NULL);
SELECT throws_ok($$INSERT INTO core.users (wallet_address) VALUES ('0xABCDEF1111111111111111111111111111111111')$$,
                 '23514', NULL, 'core.users.wallet_address: rejects an upper-case EVM wallet');
SELECT throws_ok($$INSERT INTO core.users (wallet_address) VALUES ('not-a-wallet')$$,
                 '23514', NULL, 'core.users.wallet_address: rejects an invalid wallet');
SELECT lives_ok($$INSERT INTO core.users (wallet_address) VALUES (core.normalize_wallet('0xABCDEF1111111111111111111111111111111111'))$$,
                'core.users.wallet_address: accepts a normalised wallet');
SELECT is((SELECT pg_catalog.count(*)::int FROM core.users WHERE wallet_address = '0xabcdef1111111111111111111111111111111111'),
          1, 'core.users.wallet_address: stored lower-case');
SELECT throws_ok($$INSERT INTO core.users (wallet_address) VALUES ('0x1111111111111111111111111111111111111111')$$,
                 '23505', NULL, 'core.users.users_wallet_address_key: rejects a duplicate wallet');
SELECT throws_ok($$INSERT INTO core.users (email) VALUES ('ONE@example.com')$$,
                 '23505', NULL, 'core.users.users_email_lower_key: rejects an e-mail differing only in case');
SELECT throws_ok($$INSERT INTO core.users (email) VALUES ('not an email')$$,
                 '23514', NULL, 'core.users.email: rejects a malformed e-mail');
SELECT throws_ok($$INSERT INTO core.users (email, tier) VALUES ('t@example.com', 'gold')$$,
                 '22P02', NULL, 'core.users.tier: rejects an unknown tier');
SELECT throws_ok($$INSERT INTO core.users (email, reputation_score) VALUES ('r@example.com', -1)$$,
                 '23514', NULL, 'core.users.reputation_score: rejects a negative score');
SELECT throws_ok($$INSERT INTO core.users (email, preferences) VALUES ('p@example.com', '[]')$$,
                 '23514', NULL, 'core.users.preferences: rejects a non-object');
SELECT throws_ok($$INSERT INTO core.users (tier) VALUES ('basic')$$,
                 '23514', NULL, 'core.users.users_identified: rejects a user with neither wallet nor e-mail');

-- behaviour: updated_at moves on update, not on insert
UPDATE core.users SET updated_at = '2000-01-01', created_at = '2000-01-01' WHERE id = 9002;
SELECT is((SELECT updated_at FROM core.users WHERE id = 9002), pg_catalog.now(), 'core.users.users_set_updated_at: fires on update');
INSERT INTO core.users (id, email, updated_at) OVERRIDING SYSTEM VALUE VALUES (9003, 'three@example.com', '2000-01-01');
SELECT is((SELECT updated_at FROM core.users WHERE id = 9003), '2000-01-01'::timestamptz,
          'core.users.updated_at: not touched on insert');

-- behaviour: RLS, own row vs another user's row
SELECT tests.act_as(9001);
SELECT results_eq($$SELECT id FROM core.users ORDER BY id$$, ARRAY[9001::bigint], 'core.users.users_select_own: user 9001 sees only its row');
SELECT lives_ok($$UPDATE core.users SET preferences = '{"theme": "dark"}' WHERE id = 9001$$, 'core.users.users_update_own: user 9001 updates its row');
SELECT is((SELECT preferences ->> 'theme' FROM core.users WHERE id = 9001), 'dark', 'core.users.users_update_own: the update landed');
UPDATE core.users SET preferences = '{"theme": "evil"}' WHERE id = 9002;
SELECT throws_ok($$UPDATE core.users SET tier = 'enterprise' WHERE id = 9001$$, '42501', NULL,
                 'core.users.tier: chain_user cannot raise its own tier');
SELECT throws_ok($$INSERT INTO core.users (email) VALUES ('x@example.com')$$, '42501', NULL,
                 'core.users: chain_user cannot insert');
SELECT throws_ok($$DELETE FROM core.users WHERE id = 9001$$, '42501', NULL, 'core.users: chain_user cannot delete');
SELECT tests.act_as(9002);
SELECT is_empty($$SELECT 1 FROM core.users WHERE id = 9001$$, 'core.users.users_select_own: user 9002 cannot see user 9001');
SELECT tests.reset_role();
SELECT is((SELECT preferences FROM core.users WHERE id = 9002), '{}'::jsonb, 'core.users.users_update_own: user 9001 could not update user 9002');
SELECT tests.act_as_role('chain_readonly');
SELECT is((SELECT pg_catalog.count(*)::int FROM core.users), 4, 'core.users.users_select_readonly: chain_readonly sees every row');
SELECT throws_ok($$SELECT email FROM core.users$$, '42501', NULL, 'core.users.email: chain_readonly cannot read it');
SELECT tests.act_as_role('chain_app');
SELECT is((SELECT pg_catalog.count(*)::int FROM core.users), 4, 'core.users.users_select_app: chain_app sees every row');
SELECT tests.act_as_role('chain_owner');
-- users_select_owner (core/backend_access_tables): chain_owner reads (SECURITY DEFINER functions, materialized views), writes nothing
SELECT is((SELECT pg_catalog.count(*)::int FROM core.users), 4, 'core.users.users_select_owner: the owner reads every row (definer functions, matviews)');
SELECT results_eq($$WITH u AS (UPDATE core.users SET tier = 'enterprise' RETURNING 1) SELECT pg_catalog.count(*)::int FROM u$$, ARRAY[0],
                  'core.users: the owner still updates nothing (FORCE ROW LEVEL SECURITY)');
SELECT tests.reset_role();

SELECT * FROM finish();
ROLLBACK;
