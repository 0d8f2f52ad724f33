-- pgTAP: memory/access_grants — structure, guard, constraints, privileges and RLS of memory.access_grants, and memory.assets' grantee policy.
BEGIN;
SELECT plan(111);

-- table memory.access_grants: 73 assertions
SELECT tests.table_conventions('memory.access_grants');
SELECT columns_are('memory', 'access_grants', ARRAY['id', 'asset_id', 'grantee_address', 'grantor_address', 'permissions', 'expires_at', 'max_access', 'current_access', 'created_at', 'revoked_at', 'revoked_by', 'last_accessed_at']::name[], 'memory.access_grants: exactly these columns');
SELECT col_type_is('memory', 'access_grants', c, ty, 'memory.access_grants.' || c || ': ' || ty)
  FROM (VALUES ('id', 'bigint'), ('asset_id', 'text'), ('grantee_address', 'core.wallet_address'), ('grantor_address', 'core.wallet_address'), ('permissions', 'text[]'), ('expires_at', 'timestamp with time zone'), ('max_access', 'integer'), ('current_access', 'integer'), ('created_at', 'timestamp with time zone'), ('revoked_at', 'timestamp with time zone'), ('revoked_by', 'core.wallet_address'), ('last_accessed_at', 'timestamp with time zone')) AS v (c, ty);
SELECT col_not_null('memory', 'access_grants', c, 'memory.access_grants.' || c || ': not null') FROM pg_catalog.unnest(ARRAY['id', 'asset_id', 'grantee_address', 'grantor_address', 'permissions', 'current_access', 'created_at']::name[]) AS c;
SELECT col_is_null('memory', 'access_grants', c, 'memory.access_grants.' || c || ': nullable') FROM pg_catalog.unnest(ARRAY['expires_at', 'max_access', 'revoked_at', 'revoked_by', 'last_accessed_at']::name[]) AS c;
SELECT set_eq($$SELECT conname::text FROM pg_catalog.pg_constraint WHERE conrelid = 'memory.access_grants'::regclass$$,
              ARRAY['access_grants_asset_id_fkey', 'access_grants_current_access_within_max', 'access_grants_expires_after_creation', 'access_grants_grantor_not_grantee', 'access_grants_max_access_positive', 'access_grants_permissions_valid', 'access_grants_pkey', 'access_grants_revocation_complete', 'access_grants_revoked_after_creation'], 'memory.access_grants: constraints access_grants_asset_id_fkey, access_grants_current_access_within_max, access_grants_expires_after_creation, access_grants_grantor_not_grantee, access_grants_max_access_positive, access_grants_permissions_valid, access_grants_pkey, access_grants_revocation_complete, access_grants_revoked_after_creation');
SELECT indexes_are('memory', 'access_grants', ARRAY['access_grants_asset_id_idx', 'access_grants_grantee_address_idx', 'access_grants_grantor_address_idx', 'access_grants_live_asset_grantee_key', 'access_grants_live_grantee_expires_at_idx', 'access_grants_pkey']::name[], 'memory.access_grants: indexes access_grants_asset_id_idx, access_grants_grantee_address_idx, access_grants_grantor_address_idx, access_grants_live_asset_grantee_key, access_grants_live_grantee_expires_at_idx, access_grants_pkey');
SELECT is(pg_catalog.pg_get_indexdef('memory.access_grants_asset_id_idx'::regclass), 'CREATE INDEX access_grants_asset_id_idx ON memory.access_grants USING btree (asset_id)', 'memory.access_grants.access_grants_asset_id_idx: definition');
SELECT is(pg_catalog.pg_get_indexdef('memory.access_grants_grantee_address_idx'::regclass), 'CREATE INDEX access_grants_grantee_address_idx ON memory.access_grants USING btree (grantee_address)', 'memory.access_grants.access_grants_grantee_address_idx: definition');
SELECT is(pg_catalog.pg_get_indexdef('memory.access_grants_grantor_address_idx'::regclass), 'CREATE INDEX access_grants_grantor_address_idx ON memory.access_grants USING btree (grantor_address)', 'memory.access_grants.access_grants_grantor_address_idx: definition');
SELECT is(pg_catalog.pg_get_indexdef('memory.access_grants_live_asset_grantee_key'::regclass), 'CREATE UNIQUE INDEX access_grants_live_asset_grantee_key ON memory.access_grants USING btree (asset_id, grantee_address) WHERE (revoked_at IS NULL)', 'memory.access_grants.access_grants_live_asset_grantee_key: definition');
SELECT is(pg_catalog.pg_get_indexdef('memory.access_grants_live_grantee_expires_at_idx'::regclass), 'CREATE INDEX access_grants_live_grantee_expires_at_idx ON memory.access_grants USING btree (grantee_address, expires_at) WHERE (revoked_at IS NULL)', 'memory.access_grants.access_grants_live_grantee_expires_at_idx: definition');
SELECT is(pg_catalog.pg_get_indexdef('memory.access_grants_pkey'::regclass), 'CREATE UNIQUE INDEX access_grants_pkey ON memory.access_grants USING btree (id)', 'memory.access_grants.access_grants_pkey: definition');
SELECT triggers_are('memory', 'access_grants', ARRAY['access_grants_guard', 'audit_capture', 'audit_capture_truncate', 'notify_change', 'notify_change_truncate']::name[], 'memory.access_grants: triggers access_grants_guard, audit_capture, audit_capture_truncate, notify_change, notify_change_truncate');
SELECT trigger_is('memory', 'access_grants', 'access_grants_guard', 'memory', 'access_grant_guard', 'memory.access_grants.access_grants_guard: calls memory.access_grant_guard()');
SELECT trigger_is('memory', 'access_grants', 'audit_capture', 'audit', 'capture', 'memory.access_grants.audit_capture: calls audit.capture()');
SELECT trigger_is('memory', 'access_grants', 'audit_capture_truncate', 'audit', 'capture_statement', 'memory.access_grants.audit_capture_truncate: calls audit.capture_statement()');
SELECT trigger_is('memory', 'access_grants', 'notify_change', 'core', 'notify_change', 'memory.access_grants.notify_change: calls core.notify_change()');
SELECT trigger_is('memory', 'access_grants', 'notify_change_truncate', 'core', 'notify_change', 'memory.access_grants.notify_change_truncate: calls core.notify_change()');
SELECT policies_are('memory', 'access_grants', ARRAY['access_grants_delete_app', 'access_grants_insert_app', 'access_grants_insert_grantor', 'access_grants_select_app', 'access_grants_select_owner', 'access_grants_select_party', 'access_grants_select_readonly', 'access_grants_update_app', 'access_grants_update_grantor', 'access_grants_update_owner']::name[], 'memory.access_grants: policies');
SELECT policy_cmd_is('memory', 'access_grants', 'access_grants_delete_app'::name, 'delete', 'memory.access_grants.access_grants_delete_app: FOR delete');
SELECT policy_roles_are('memory', 'access_grants', 'access_grants_delete_app', ARRAY['chain_app']::name[], 'memory.access_grants.access_grants_delete_app: TO chain_app');
SELECT policy_cmd_is('memory', 'access_grants', 'access_grants_insert_app'::name, 'insert', 'memory.access_grants.access_grants_insert_app: FOR insert');
SELECT policy_roles_are('memory', 'access_grants', 'access_grants_insert_app', ARRAY['chain_app']::name[], 'memory.access_grants.access_grants_insert_app: TO chain_app');
SELECT policy_cmd_is('memory', 'access_grants', 'access_grants_insert_grantor'::name, 'insert', 'memory.access_grants.access_grants_insert_grantor: FOR insert');
SELECT policy_roles_are('memory', 'access_grants', 'access_grants_insert_grantor', ARRAY['chain_user']::name[], 'memory.access_grants.access_grants_insert_grantor: TO chain_user');
SELECT policy_cmd_is('memory', 'access_grants', 'access_grants_select_app'::name, 'select', 'memory.access_grants.access_grants_select_app: FOR select');
SELECT policy_roles_are('memory', 'access_grants', 'access_grants_select_app', ARRAY['chain_app']::name[], 'memory.access_grants.access_grants_select_app: TO chain_app');
SELECT policy_cmd_is('memory', 'access_grants', 'access_grants_select_owner'::name, 'select', 'memory.access_grants.access_grants_select_owner: FOR select');
SELECT policy_roles_are('memory', 'access_grants', 'access_grants_select_owner', ARRAY['chain_owner']::name[], 'memory.access_grants.access_grants_select_owner: TO chain_owner');
SELECT policy_cmd_is('memory', 'access_grants', 'access_grants_select_party'::name, 'select', 'memory.access_grants.access_grants_select_party: FOR select');
SELECT policy_roles_are('memory', 'access_grants', 'access_grants_select_party', ARRAY['chain_user']::name[], 'memory.access_grants.access_grants_select_party: TO chain_user');
SELECT policy_cmd_is('memory', 'access_grants', 'access_grants_select_readonly'::name, 'select', 'memory.access_grants.access_grants_select_readonly: FOR select');
SELECT policy_roles_are('memory', 'access_grants', 'access_grants_select_readonly', ARRAY['chain_readonly']::name[], 'memory.access_grants.access_grants_select_readonly: TO chain_readonly');
SELECT policy_cmd_is('memory', 'access_grants', 'access_grants_update_app'::name, 'update', 'memory.access_grants.access_grants_update_app: FOR update');
SELECT policy_roles_are('memory', 'access_grants', 'access_grants_update_app', ARRAY['chain_app']::name[], 'memory.access_grants.access_grants_update_app: TO chain_app');
SELECT policy_cmd_is('memory', 'access_grants', 'access_grants_update_grantor'::name, 'update', 'memory.access_grants.access_grants_update_grantor: FOR update');
SELECT policy_roles_are('memory', 'access_grants', 'access_grants_update_grantor', ARRAY['chain_user']::name[], 'memory.access_grants.access_grants_update_grantor: TO chain_user');
SELECT policy_cmd_is('memory', 'access_grants', 'access_grants_update_owner'::name, 'update', 'memory.access_grants.access_grants_update_owner: FOR update');
SELECT policy_roles_are('memory', 'access_grants', 'access_grants_update_owner', ARRAY['chain_owner']::name[], 'memory.access_grants.access_grants_update_owner: TO chain_owner');
SELECT table_privs_are('memory', 'access_grants', 'chain_app', ARRAY['DELETE', 'INSERT', 'SELECT', 'UPDATE'], 'memory.access_grants: chain_app has DELETE, INSERT, SELECT, UPDATE');
SELECT table_privs_are('memory', 'access_grants', 'chain_user', ARRAY['SELECT'], 'memory.access_grants: chain_user has SELECT');
SELECT table_privs_are('memory', 'access_grants', 'chain_readonly', ARRAY['SELECT'], 'memory.access_grants: chain_readonly has SELECT');
SELECT table_privs_are('memory', 'access_grants', 'public', ARRAY[]::text[], 'memory.access_grants: public has no table privilege');

-- func memory.access_grant_guard(): 4 assertions
SELECT tests.function_conventions('memory.access_grant_guard()');

-- fixture, as the test's owner: Ann's two assets, Bob's one
INSERT INTO memory.assets (asset_id, owner_address, arweave_id, content_hash, encryption_key_id, agent_id, memory_type) VALUES
    ('a-ann-1', 'Ann11111111111111111111111111111111111111111', repeat('a', 43), repeat('0', 64), 'k1', 'agent-1', 'episodic'),
    ('a-ann-2', 'Ann11111111111111111111111111111111111111111', repeat('b', 43), repeat('1', 64), 'k1', 'agent-1', 'semantic'),
    ('a-bob-1', 'Bob11111111111111111111111111111111111111111', repeat('c', 43), repeat('2', 64), 'k2', 'agent-2', 'semantic');

-- behaviour: granting (as Ann, the owner, through RLS)
SELECT tests.act_as_wallet('Ann11111111111111111111111111111111111111111');
SELECT lives_ok($$INSERT INTO memory.access_grants (asset_id, grantee_address, grantor_address, max_access) VALUES ('a-ann-1', 'Bob11111111111111111111111111111111111111111', 'Ann11111111111111111111111111111111111111111', 2)$$,
                'memory.access_grants.access_grants_insert_grantor: the owner grants access to her asset');
SELECT throws_ok($$INSERT INTO memory.access_grants (asset_id, grantee_address, grantor_address) VALUES ('a-bob-1', 'Cyd11111111111111111111111111111111111111111', 'Ann11111111111111111111111111111111111111111')$$,
                 '42501', NULL, 'memory.access_grants.access_grants_guard: a wallet cannot grant access to an asset it does not own');
SELECT throws_ok($$INSERT INTO memory.access_grants (asset_id, grantee_address, grantor_address) VALUES ('a-bob-1', 'Cyd11111111111111111111111111111111111111111', 'Bob11111111111111111111111111111111111111111')$$,
                 '42501', NULL, 'memory.access_grants.access_grants_insert_grantor: Ann cannot grant in Bob''s name');
SELECT throws_ok($$INSERT INTO memory.access_grants (asset_id, grantee_address, grantor_address, current_access) VALUES ('a-ann-2', 'Bob11111111111111111111111111111111111111111', 'Ann11111111111111111111111111111111111111111', 1)$$,
                 '42501', NULL, 'memory.access_grants.current_access: an end user cannot set the counter');

-- behaviour: what the grantee sees (assets_select_granted), and no recursion between the policies
SELECT tests.act_as_wallet('Bob11111111111111111111111111111111111111111');
SELECT is((SELECT pg_catalog.array_agg(asset_id ORDER BY asset_id) FROM memory.assets), ARRAY['a-ann-1', 'a-bob-1'],
          'memory.assets.assets_select_granted: Bob sees his own asset and the one granted to him');
SELECT is((SELECT pg_catalog.count(*)::int FROM memory.access_grants), 1, 'memory.access_grants.access_grants_select_party: the grantee sees the grant');
SELECT is_empty($$UPDATE memory.access_grants SET revoked_at = now() RETURNING 1$$,
                'memory.access_grants.access_grants_update_grantor: the grantee cannot revoke (0 rows)');
SELECT tests.act_as_wallet('Cyd11111111111111111111111111111111111111111');
SELECT is_empty($$SELECT 1 FROM memory.access_grants$$, 'memory.access_grants.access_grants_select_party: a third wallet sees no grant');
SELECT is_empty($$SELECT 1 FROM memory.assets$$, 'memory.assets.assets_select_granted: a third wallet sees no asset');
SELECT tests.reset_role();

-- usage limit: exhausted grants show nothing
UPDATE memory.access_grants SET current_access = 2 WHERE asset_id = 'a-ann-1';
SELECT tests.act_as_wallet('Bob11111111111111111111111111111111111111111');
SELECT is((SELECT pg_catalog.array_agg(asset_id ORDER BY asset_id) FROM memory.assets), ARRAY['a-bob-1'],
          'memory.assets.assets_select_granted: an exhausted grant shows nothing');
SELECT tests.reset_role();
SELECT throws_ok($$UPDATE memory.access_grants SET current_access = 1 WHERE asset_id = 'a-ann-1'$$,
                 '55000', NULL, 'memory.access_grant_guard(): uses never decrease');

-- revocation by the grantor; final; revoked_by filled
SELECT tests.act_as_wallet('Ann11111111111111111111111111111111111111111');
SELECT lives_ok($$UPDATE memory.access_grants SET revoked_at = now() WHERE asset_id = 'a-ann-1'$$,
                'memory.access_grants.access_grants_update_grantor: the grantor revokes');
SELECT tests.reset_role();
SELECT is((SELECT revoked_by::text FROM memory.access_grants WHERE asset_id = 'a-ann-1'), 'Ann11111111111111111111111111111111111111111',
          'memory.access_grant_guard(): revoked_by is the revoking wallet');
SELECT throws_ok($$UPDATE memory.access_grants SET revoked_at = NULL, revoked_by = NULL WHERE asset_id = 'a-ann-1'$$,
                 '55000', NULL, 'memory.access_grant_guard(): a revocation is final');
SELECT lives_ok($$INSERT INTO memory.access_grants (asset_id, grantee_address, grantor_address, expires_at) VALUES ('a-ann-1', 'Bob11111111111111111111111111111111111111111', 'Ann11111111111111111111111111111111111111111', now() + interval '1 day')$$,
                'memory.access_grants.access_grants_live_asset_grantee_key: a new grant after a revoked one');
SELECT throws_ok($$INSERT INTO memory.access_grants (asset_id, grantee_address, grantor_address) VALUES ('a-ann-1', 'Bob11111111111111111111111111111111111111111', 'Ann11111111111111111111111111111111111111111')$$,
                 '23505', NULL, 'memory.access_grants.access_grants_live_asset_grantee_key: rejects a second live grant to one grantee');
SELECT throws_ok($$UPDATE memory.access_grants SET grantee_address = 'Cyd11111111111111111111111111111111111111111' WHERE asset_id = 'a-ann-1' AND revoked_at IS NULL$$,
                 '55000', NULL, 'memory.access_grant_guard(): the parties never change');
SELECT throws_ok($$INSERT INTO memory.access_grants (asset_id, grantee_address, grantor_address, revoked_at, revoked_by) VALUES ('a-ann-2', 'Bob11111111111111111111111111111111111111111', 'Ann11111111111111111111111111111111111111111', now(), 'Ann11111111111111111111111111111111111111111')$$,
                 '55000', NULL, 'memory.access_grant_guard(): a new grant starts unrevoked');
UPDATE memory.assets SET burned_at = now() WHERE asset_id = 'a-ann-2';
SELECT throws_ok($$INSERT INTO memory.access_grants (asset_id, grantee_address, grantor_address) VALUES ('a-ann-2', 'Bob11111111111111111111111111111111111111111', 'Ann11111111111111111111111111111111111111111')$$,
                 '55000', NULL, 'memory.access_grant_guard(): no grant on a burned asset');
SELECT is((SELECT pg_catalog.count(*)::int FROM audit.logs WHERE table_schema = 'memory' AND table_name = 'access_grants'), 4,
          'memory.access_grants.audit_capture: grants and their changes are audited');

-- behaviour: constraints (each with a row it rejects)
SELECT throws_ok($$INSERT INTO memory.access_grants (asset_id, grantee_address, grantor_address) VALUES ('a-none', 'Bob11111111111111111111111111111111111111111', 'Ann11111111111111111111111111111111111111111')$$,
                 '23503', NULL, 'memory.access_grants.access_grants_asset_id_fkey: rejects an unknown asset');
SELECT throws_ok($$INSERT INTO memory.access_grants (asset_id, grantee_address, grantor_address) VALUES ('a-bob-1', 'Bob11111111111111111111111111111111111111111', 'Bob11111111111111111111111111111111111111111')$$,
                 '23514', NULL, 'memory.access_grants.access_grants_grantor_not_grantee: rejects a grant to oneself');
SELECT throws_ok($$INSERT INTO memory.access_grants (asset_id, grantee_address, grantor_address, permissions) VALUES ('a-bob-1', 'Cyd11111111111111111111111111111111111111111', 'Bob11111111111111111111111111111111111111111', '{}')$$,
                 '23514', NULL, 'memory.access_grants.access_grants_permissions_valid: rejects no permission');
SELECT throws_ok($$INSERT INTO memory.access_grants (asset_id, grantee_address, grantor_address, permissions) VALUES ('a-bob-1', 'Cyd11111111111111111111111111111111111111111', 'Bob11111111111111111111111111111111111111111', '{Read}')$$,
                 '23514', NULL, 'memory.access_grants.permissions: rejects an upper-case permission');
SELECT throws_ok($$INSERT INTO memory.access_grants (asset_id, grantee_address, grantor_address, permissions) VALUES ('a-bob-1', 'Cyd11111111111111111111111111111111111111111', 'Bob11111111111111111111111111111111111111111', ARRAY['read', NULL])$$,
                 '23514', NULL, 'memory.access_grants.permissions: rejects a NULL permission');
SELECT throws_ok($$INSERT INTO memory.access_grants (asset_id, grantee_address, grantor_address, expires_at) VALUES ('a-bob-1', 'Cyd11111111111111111111111111111111111111111', 'Bob11111111111111111111111111111111111111111', now() - interval '1 hour')$$,
                 '23514', NULL, 'memory.access_grants.access_grants_expires_after_creation: rejects an expiry in the past');
SELECT throws_ok($$INSERT INTO memory.access_grants (asset_id, grantee_address, grantor_address, max_access) VALUES ('a-bob-1', 'Cyd11111111111111111111111111111111111111111', 'Bob11111111111111111111111111111111111111111', 0)$$,
                 '23514', NULL, 'memory.access_grants.access_grants_max_access_positive: rejects a limit of 0');
INSERT INTO memory.access_grants (asset_id, grantee_address, grantor_address, max_access) VALUES
    ('a-bob-1', 'Cyd11111111111111111111111111111111111111111', 'Bob11111111111111111111111111111111111111111', 1);
SELECT throws_ok($$UPDATE memory.access_grants SET current_access = 2 WHERE asset_id = 'a-bob-1'$$,
                 '23514', NULL, 'memory.access_grants.access_grants_current_access_within_max: rejects uses above the limit');
SELECT throws_ok($$UPDATE memory.access_grants SET revoked_at = created_at - interval '1 day', revoked_by = grantor_address WHERE asset_id = 'a-bob-1'$$,
                 '23514', NULL, 'memory.access_grants.access_grants_revoked_after_creation: rejects a revocation before the grant');
ALTER TABLE memory.access_grants DISABLE TRIGGER access_grants_guard;   -- rolled back: reach the CHECK behind the guard
SELECT throws_ok($$UPDATE memory.access_grants SET revoked_at = now() WHERE asset_id = 'a-bob-1'$$,
                 '23514', NULL, 'memory.access_grants.access_grants_revocation_complete: rejects a revocation without revoked_by');
ALTER TABLE memory.access_grants ENABLE TRIGGER access_grants_guard;
SELECT lives_ok($$DELETE FROM memory.assets WHERE asset_id = 'a-bob-1'$$, 'memory.access_grants.access_grants_asset_id_fkey: grants go with a deleted asset');
SELECT is_empty($$SELECT 1 FROM memory.access_grants WHERE asset_id = 'a-bob-1'$$, 'memory.access_grants: the deleted asset''s grants are gone (CASCADE)');

-- behaviour: reporting
SELECT tests.act_as_role('chain_readonly');
SELECT is((SELECT pg_catalog.count(*)::int FROM memory.access_grants), 2, 'memory.access_grants.access_grants_select_readonly: reporting sees every grant');
SELECT tests.reset_role();
SELECT throws_ok($$INSERT INTO memory.access_grants (id, asset_id, grantee_address, grantor_address) OVERRIDING SYSTEM VALUE
                   SELECT id, asset_id, 'Eve11111111111111111111111111111111111111111', grantor_address FROM memory.access_grants WHERE revoked_at IS NOT NULL LIMIT 1$$,
                 '23505', NULL, 'memory.access_grants.access_grants_pkey: rejects a duplicate id');

SELECT * FROM finish();
ROLLBACK;
