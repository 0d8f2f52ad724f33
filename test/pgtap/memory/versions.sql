-- pgTAP: memory/versions — structure, the version rule (drives memory.assets.version), append-only rule, constraints, privileges and RLS of memory.versions.
BEGIN;
SELECT plan(79);

-- table memory.versions: 51 assertions
SELECT tests.table_conventions('memory.versions');
SELECT columns_are('memory', 'versions', ARRAY['id', 'asset_id', 'version_number', 'arweave_id', 'content_hash', 'changes_description', 'created_by', 'created_at', 'metadata']::name[], 'memory.versions: exactly these columns');
SELECT col_type_is('memory', 'versions', c, ty, 'memory.versions.' || c || ': ' || ty)
  FROM (VALUES ('id', 'bigint'), ('asset_id', 'text'), ('version_number', 'integer'), ('arweave_id', 'text'), ('content_hash', 'text'), ('changes_description', 'text'), ('created_by', 'core.wallet_address'), ('created_at', 'timestamp with time zone'), ('metadata', 'jsonb')) AS v (c, ty);
SELECT col_not_null('memory', 'versions', c, 'memory.versions.' || c || ': not null') FROM pg_catalog.unnest(ARRAY['id', 'asset_id', 'version_number', 'arweave_id', 'content_hash', 'created_by', 'created_at', 'metadata']::name[]) AS c;
SELECT col_is_null('memory', 'versions', c, 'memory.versions.' || c || ': nullable') FROM pg_catalog.unnest(ARRAY['changes_description']::name[]) AS c;
SELECT set_eq($$SELECT conname::text FROM pg_catalog.pg_constraint WHERE conrelid = 'memory.versions'::regclass$$,
              ARRAY['versions_arweave_id_format', 'versions_asset_id_fkey', 'versions_asset_id_version_number_key', 'versions_changes_description_length', 'versions_content_hash_format', 'versions_metadata_object', 'versions_pkey', 'versions_version_number_positive'], 'memory.versions: constraints versions_arweave_id_format, versions_asset_id_fkey, versions_asset_id_version_number_key, versions_changes_description_length, versions_content_hash_format, versions_metadata_object, versions_pkey, versions_version_number_positive');
SELECT indexes_are('memory', 'versions', ARRAY['versions_asset_id_version_number_key', 'versions_created_at_idx', 'versions_pkey']::name[], 'memory.versions: indexes versions_asset_id_version_number_key, versions_created_at_idx, versions_pkey');
SELECT is(pg_catalog.pg_get_indexdef('memory.versions_asset_id_version_number_key'::regclass), 'CREATE UNIQUE INDEX versions_asset_id_version_number_key ON memory.versions USING btree (asset_id, version_number)', 'memory.versions.versions_asset_id_version_number_key: definition');
SELECT is(pg_catalog.pg_get_indexdef('memory.versions_created_at_idx'::regclass), 'CREATE INDEX versions_created_at_idx ON memory.versions USING btree (created_at)', 'memory.versions.versions_created_at_idx: definition');
SELECT is(pg_catalog.pg_get_indexdef('memory.versions_pkey'::regclass), 'CREATE UNIQUE INDEX versions_pkey ON memory.versions USING btree (id)', 'memory.versions.versions_pkey: definition');
SELECT triggers_are('memory', 'versions', ARRAY['versions_append_only', 'versions_apply']::name[], 'memory.versions: triggers versions_append_only, versions_apply');
SELECT trigger_is('memory', 'versions', 'versions_append_only', 'memory', 'audit_log_append_only', 'memory.versions.versions_append_only: calls memory.audit_log_append_only()');
SELECT trigger_is('memory', 'versions', 'versions_apply', 'memory', 'apply_version', 'memory.versions.versions_apply: calls memory.apply_version()');
SELECT policies_are('memory', 'versions', ARRAY['versions_insert_app', 'versions_select_app', 'versions_select_owner', 'versions_select_readonly', 'versions_select_visible']::name[], 'memory.versions: policies');
SELECT policy_cmd_is('memory', 'versions', 'versions_insert_app'::name, 'insert', 'memory.versions.versions_insert_app: FOR insert');
SELECT policy_roles_are('memory', 'versions', 'versions_insert_app', ARRAY['chain_app']::name[], 'memory.versions.versions_insert_app: TO chain_app');
SELECT policy_cmd_is('memory', 'versions', 'versions_select_app'::name, 'select', 'memory.versions.versions_select_app: FOR select');
SELECT policy_roles_are('memory', 'versions', 'versions_select_app', ARRAY['chain_app']::name[], 'memory.versions.versions_select_app: TO chain_app');
SELECT policy_cmd_is('memory', 'versions', 'versions_select_owner'::name, 'select', 'memory.versions.versions_select_owner: FOR select');
SELECT policy_roles_are('memory', 'versions', 'versions_select_owner', ARRAY['chain_owner']::name[], 'memory.versions.versions_select_owner: TO chain_owner');
SELECT policy_cmd_is('memory', 'versions', 'versions_select_readonly'::name, 'select', 'memory.versions.versions_select_readonly: FOR select');
SELECT policy_roles_are('memory', 'versions', 'versions_select_readonly', ARRAY['chain_readonly']::name[], 'memory.versions.versions_select_readonly: TO chain_readonly');
SELECT policy_cmd_is('memory', 'versions', 'versions_select_visible'::name, 'select', 'memory.versions.versions_select_visible: FOR select');
SELECT policy_roles_are('memory', 'versions', 'versions_select_visible', ARRAY['chain_user']::name[], 'memory.versions.versions_select_visible: TO chain_user');
SELECT table_privs_are('memory', 'versions', 'chain_app', ARRAY['INSERT', 'SELECT'], 'memory.versions: chain_app has INSERT, SELECT');
SELECT table_privs_are('memory', 'versions', 'chain_user', ARRAY['SELECT'], 'memory.versions: chain_user has SELECT');
SELECT table_privs_are('memory', 'versions', 'chain_readonly', ARRAY['SELECT'], 'memory.versions: chain_readonly has SELECT');
SELECT table_privs_are('memory', 'versions', 'public', ARRAY[]::text[], 'memory.versions: public has no table privilege');

-- func memory.apply_version(): 4 assertions
SELECT tests.function_conventions('memory.apply_version()');

-- fixture, as the test's owner: Ann's asset at version 1, Bob's asset
INSERT INTO memory.assets (asset_id, owner_address, arweave_id, content_hash, encryption_key_id, agent_id, memory_type) VALUES
    ('a-ann-1', 'Ann11111111111111111111111111111111111111111', repeat('a', 43), repeat('0', 64), 'k1', 'agent-1', 'episodic'),
    ('a-bob-1', 'Bob11111111111111111111111111111111111111111', repeat('c', 43), repeat('2', 64), 'k2', 'agent-2', 'semantic');

-- behaviour: versions drive memory.assets.version (as the backend)
SELECT tests.act_as_role('chain_app');
SELECT lives_ok($$INSERT INTO memory.versions (asset_id, version_number, arweave_id, content_hash, changes_description, created_by) VALUES ('a-ann-1', 2, repeat('v', 43), repeat('9', 64), 'second draft', 'Ann11111111111111111111111111111111111111111')$$,
                'memory.versions.versions_insert_app: the backend records version 2');
SELECT tests.reset_role();
SELECT is((SELECT version::text || ' ' || arweave_id || ' ' || content_hash FROM memory.assets WHERE asset_id = 'a-ann-1'),
          '2 ' || repeat('v', 43) || ' ' || repeat('9', 64), 'memory.versions.versions_apply: the asset now points at version 2');
SELECT throws_ok($$INSERT INTO memory.versions (asset_id, version_number, arweave_id, content_hash, created_by) VALUES ('a-ann-1', 2, repeat('w', 43), repeat('8', 64), 'Ann11111111111111111111111111111111111111111')$$,
                 '55000', NULL, 'memory.apply_version(): rejects a version that is not current + 1 (a repeat)');
SELECT throws_ok($$INSERT INTO memory.versions (asset_id, version_number, arweave_id, content_hash, created_by) VALUES ('a-ann-1', 4, repeat('w', 43), repeat('8', 64), 'Ann11111111111111111111111111111111111111111')$$,
                 '55000', NULL, 'memory.apply_version(): rejects a skipped version');
SELECT throws_ok($$INSERT INTO memory.versions (asset_id, version_number, arweave_id, content_hash, created_by) VALUES ('a-ann-1', 3, repeat('w', 43), repeat('8', 64), 'Bob11111111111111111111111111111111111111111')$$,
                 '55000', NULL, 'memory.apply_version(): only the owner makes a new version');
SELECT lives_ok($$INSERT INTO memory.versions (asset_id, version_number, arweave_id, content_hash, created_by) VALUES ('a-ann-1', 3, repeat('w', 43), repeat('8', 64), 'Ann11111111111111111111111111111111111111111')$$,
                'memory.versions: version 3 follows');
SELECT is((SELECT version FROM memory.assets WHERE asset_id = 'a-ann-1'), 3, 'memory.apply_version(): assets.version follows the history');
SELECT is((SELECT pg_catalog.array_agg(version_number ORDER BY version_number DESC) FROM memory.versions WHERE asset_id = 'a-ann-1'), ARRAY[3, 2],
          'memory.versions: the history, newest first');
SELECT throws_ok($$UPDATE memory.versions SET changes_description = 'rewritten'$$, '55000', NULL,
                 'memory.versions.versions_append_only: history is never changed');
SELECT throws_ok($$DELETE FROM memory.assets WHERE asset_id = 'a-ann-1'$$, '23503', NULL,
                 'memory.versions.versions_asset_id_fkey: an asset with versions cannot be deleted (RESTRICT)');
UPDATE memory.assets SET burned_at = now() WHERE asset_id = 'a-bob-1';
SELECT throws_ok($$INSERT INTO memory.versions (asset_id, version_number, arweave_id, content_hash, created_by) VALUES ('a-bob-1', 2, repeat('w', 43), repeat('8', 64), 'Bob11111111111111111111111111111111111111111')$$,
                 '55000', NULL, 'memory.apply_version(): a burned asset gets no new version');

-- behaviour: constraints (each with a row it rejects)
ALTER TABLE memory.versions DISABLE TRIGGER versions_apply;   -- rolled back: reach the constraints behind the trigger
SELECT throws_ok($$INSERT INTO memory.versions (asset_id, version_number, arweave_id, content_hash, created_by) VALUES ('a-ann-1', 3, repeat('w', 43), repeat('8', 64), 'Ann11111111111111111111111111111111111111111')$$,
                 '23505', NULL, 'memory.versions.versions_asset_id_version_number_key: rejects a second row for one version');
SELECT throws_ok($$INSERT INTO memory.versions (asset_id, version_number, arweave_id, content_hash, created_by) VALUES ('a-ann-1', 0, repeat('w', 43), repeat('8', 64), 'Ann11111111111111111111111111111111111111111')$$,
                 '23514', NULL, 'memory.versions.versions_version_number_positive: rejects version 0');
ALTER TABLE memory.versions ENABLE TRIGGER versions_apply;
SELECT throws_ok($$INSERT INTO memory.versions (asset_id, version_number, arweave_id, content_hash, created_by) VALUES ('a-none', 2, repeat('w', 43), repeat('8', 64), 'Ann11111111111111111111111111111111111111111')$$,
                 '23503', NULL, 'memory.versions.versions_asset_id_fkey: rejects an unknown asset');
SELECT throws_ok($$INSERT INTO memory.versions (asset_id, version_number, arweave_id, content_hash, created_by) VALUES ('a-ann-1', 4, 'ar://x', repeat('8', 64), 'Ann11111111111111111111111111111111111111111')$$,
                 '23514', NULL, 'memory.versions.versions_arweave_id_format: rejects a URL');
SELECT throws_ok($$INSERT INTO memory.versions (asset_id, version_number, arweave_id, content_hash, created_by) VALUES ('a-ann-1', 4, repeat('w', 43), 'abc', 'Ann11111111111111111111111111111111111111111')$$,
                 '23514', NULL, 'memory.versions.versions_content_hash_format: rejects a short hash');
SELECT throws_ok($$INSERT INTO memory.versions (asset_id, version_number, arweave_id, content_hash, created_by, changes_description) VALUES ('a-ann-1', 4, repeat('w', 43), repeat('8', 64), 'Ann11111111111111111111111111111111111111111', repeat('d', 2001))$$,
                 '23514', NULL, 'memory.versions.versions_changes_description_length: rejects 2001 characters');
SELECT throws_ok($$INSERT INTO memory.versions (asset_id, version_number, arweave_id, content_hash, created_by, metadata) VALUES ('a-ann-1', 4, repeat('w', 43), repeat('8', 64), 'Ann11111111111111111111111111111111111111111', 'null')$$,
                 '23514', NULL, 'memory.versions.versions_metadata_object: rejects JSON null');

-- behaviour: RLS (visible with the asset)
INSERT INTO memory.access_grants (asset_id, grantee_address, grantor_address) VALUES
    ('a-ann-1', 'Cyd11111111111111111111111111111111111111111', 'Ann11111111111111111111111111111111111111111');
SELECT tests.act_as_wallet('Ann11111111111111111111111111111111111111111');
SELECT is((SELECT pg_catalog.count(*)::int FROM memory.versions), 2, 'memory.versions.versions_select_visible: the owner sees her asset''s versions');
SELECT throws_ok($$INSERT INTO memory.versions (asset_id, version_number, arweave_id, content_hash, created_by) VALUES ('a-ann-1', 4, repeat('w', 43), repeat('8', 64), 'Ann11111111111111111111111111111111111111111')$$,
                 '42501', NULL, 'memory.versions: an end user cannot insert versions');
SELECT tests.act_as_wallet('Cyd11111111111111111111111111111111111111111');
SELECT is((SELECT pg_catalog.count(*)::int FROM memory.versions), 2, 'memory.versions.versions_select_visible: a grantee sees the versions too');
SELECT tests.act_as_wallet('Bob11111111111111111111111111111111111111111');
SELECT is_empty($$SELECT 1 FROM memory.versions$$, 'memory.versions.versions_select_visible: a stranger sees none');
SELECT tests.act_as_role('chain_readonly');
SELECT is((SELECT pg_catalog.count(*)::int FROM memory.versions), 2, 'memory.versions.versions_select_readonly: reporting sees every version');
SELECT tests.reset_role();
SELECT throws_ok($$INSERT INTO memory.versions (id, asset_id, version_number, arweave_id, content_hash, created_by) OVERRIDING SYSTEM VALUE
                   SELECT v.id, 'a-ann-1', 4, repeat('w', 43), repeat('8', 64), 'Ann11111111111111111111111111111111111111111' FROM memory.versions AS v LIMIT 1$$,
                 '23505', NULL, 'memory.versions.versions_pkey: rejects a duplicate id');

SELECT * FROM finish();
ROLLBACK;
