-- pgTAP: memory/assets — structure, guard, constraints, privileges and RLS of memory.assets and the seed's trigger update_memory_assets_updated_at.
BEGIN;
SELECT plan(120);

-- table memory.assets: 80 assertions
SELECT tests.table_conventions('memory.assets');
SELECT columns_are('memory', 'assets', ARRAY['asset_id', 'owner_address', 'arweave_id', 'content_hash', 'version', 'batch_id', 'encryption_key_id', 'agent_id', 'memory_type', 'metadata', 'burned_at', 'created_at', 'updated_at', 'search_vector']::name[], 'memory.assets: exactly these columns');
SELECT col_type_is('memory', 'assets', c, ty, 'memory.assets.' || c || ': ' || ty)
  FROM (VALUES ('asset_id', 'text'), ('owner_address', 'core.wallet_address'), ('arweave_id', 'text'), ('content_hash', 'text'), ('version', 'integer'), ('batch_id', 'text'), ('encryption_key_id', 'text'), ('agent_id', 'text'), ('memory_type', 'text'), ('metadata', 'jsonb'), ('burned_at', 'timestamp with time zone'), ('created_at', 'timestamp with time zone'), ('updated_at', 'timestamp with time zone'), ('search_vector', 'tsvector')) AS v (c, ty);
SELECT col_not_null('memory', 'assets', c, 'memory.assets.' || c || ': not null') FROM pg_catalog.unnest(ARRAY['asset_id', 'owner_address', 'arweave_id', 'content_hash', 'version', 'encryption_key_id', 'agent_id', 'memory_type', 'metadata', 'created_at', 'updated_at', 'search_vector']::name[]) AS c;
SELECT col_is_null('memory', 'assets', c, 'memory.assets.' || c || ': nullable') FROM pg_catalog.unnest(ARRAY['batch_id', 'burned_at']::name[]) AS c;
SELECT set_eq($$SELECT conname::text FROM pg_catalog.pg_constraint WHERE conrelid = 'memory.assets'::regclass$$,
              ARRAY['assets_agent_id_length', 'assets_arweave_id_format', 'assets_asset_id_format', 'assets_batch_id_fkey', 'assets_burned_after_creation', 'assets_content_hash_format', 'assets_encryption_key_id_length', 'assets_memory_type_format', 'assets_metadata_object', 'assets_pkey', 'assets_version_positive'], 'memory.assets: constraints assets_agent_id_length, assets_arweave_id_format, assets_asset_id_format, assets_batch_id_fkey, assets_burned_after_creation, assets_content_hash_format, assets_encryption_key_id_length, assets_memory_type_format, assets_metadata_object, assets_pkey, assets_version_positive');
SELECT indexes_are('memory', 'assets', ARRAY['assets_agent_id_idx', 'assets_arweave_id_idx', 'assets_batch_id_idx', 'assets_created_at_idx', 'assets_memory_type_idx', 'assets_owner_address_created_at_idx', 'assets_pkey', 'assets_search_vector_idx']::name[], 'memory.assets: indexes assets_agent_id_idx, assets_arweave_id_idx, assets_batch_id_idx, assets_created_at_idx, assets_memory_type_idx, assets_owner_address_created_at_idx, assets_pkey, assets_search_vector_idx');
SELECT is(pg_catalog.pg_get_indexdef('memory.assets_agent_id_idx'::regclass), 'CREATE INDEX assets_agent_id_idx ON memory.assets USING btree (agent_id)', 'memory.assets.assets_agent_id_idx: definition');
SELECT is(pg_catalog.pg_get_indexdef('memory.assets_arweave_id_idx'::regclass), 'CREATE INDEX assets_arweave_id_idx ON memory.assets USING btree (arweave_id)', 'memory.assets.assets_arweave_id_idx: definition');
SELECT is(pg_catalog.pg_get_indexdef('memory.assets_batch_id_idx'::regclass), 'CREATE INDEX assets_batch_id_idx ON memory.assets USING btree (batch_id)', 'memory.assets.assets_batch_id_idx: definition');
SELECT is(pg_catalog.pg_get_indexdef('memory.assets_created_at_idx'::regclass), 'CREATE INDEX assets_created_at_idx ON memory.assets USING btree (created_at)', 'memory.assets.assets_created_at_idx: definition');
SELECT is(pg_catalog.pg_get_indexdef('memory.assets_memory_type_idx'::regclass), 'CREATE INDEX assets_memory_type_idx ON memory.assets USING btree (memory_type)', 'memory.assets.assets_memory_type_idx: definition');
SELECT is(pg_catalog.pg_get_indexdef('memory.assets_owner_address_created_at_idx'::regclass), 'CREATE INDEX assets_owner_address_created_at_idx ON memory.assets USING btree (owner_address, created_at DESC)', 'memory.assets.assets_owner_address_created_at_idx: definition');
SELECT is(pg_catalog.pg_get_indexdef('memory.assets_pkey'::regclass), 'CREATE UNIQUE INDEX assets_pkey ON memory.assets USING btree (asset_id)', 'memory.assets.assets_pkey: definition');
SELECT is(pg_catalog.pg_get_indexdef('memory.assets_search_vector_idx'::regclass), 'CREATE INDEX assets_search_vector_idx ON memory.assets USING gin (search_vector)', 'memory.assets.assets_search_vector_idx: definition');
SELECT triggers_are('memory', 'assets', ARRAY['assets_guard', 'audit_capture', 'audit_capture_truncate', 'notify_change', 'notify_change_truncate', 'update_memory_assets_updated_at']::name[], 'memory.assets: triggers assets_guard, audit_capture, audit_capture_truncate, notify_change, notify_change_truncate, update_memory_assets_updated_at');
SELECT trigger_is('memory', 'assets', 'assets_guard', 'memory', 'asset_guard', 'memory.assets.assets_guard: calls memory.asset_guard()');
SELECT trigger_is('memory', 'assets', 'audit_capture', 'audit', 'capture', 'memory.assets.audit_capture: calls audit.capture()');
SELECT trigger_is('memory', 'assets', 'audit_capture_truncate', 'audit', 'capture_statement', 'memory.assets.audit_capture_truncate: calls audit.capture_statement()');
SELECT trigger_is('memory', 'assets', 'notify_change', 'core', 'notify_change', 'memory.assets.notify_change: calls core.notify_change()');
SELECT trigger_is('memory', 'assets', 'notify_change_truncate', 'core', 'notify_change', 'memory.assets.notify_change_truncate: calls core.notify_change()');
SELECT trigger_is('memory', 'assets', 'update_memory_assets_updated_at', 'core', 'set_updated_at', 'memory.assets.update_memory_assets_updated_at: calls core.set_updated_at()');
SELECT policies_are('memory', 'assets', ARRAY['assets_delete_app', 'assets_insert_app', 'assets_select_app', 'assets_select_granted', 'assets_select_own', 'assets_select_owner', 'assets_select_readonly', 'assets_update_app', 'assets_update_own', 'assets_update_owner']::name[], 'memory.assets: policies');
SELECT policy_cmd_is('memory', 'assets', 'assets_delete_app'::name, 'delete', 'memory.assets.assets_delete_app: FOR delete');
SELECT policy_roles_are('memory', 'assets', 'assets_delete_app', ARRAY['chain_app']::name[], 'memory.assets.assets_delete_app: TO chain_app');
SELECT policy_cmd_is('memory', 'assets', 'assets_insert_app'::name, 'insert', 'memory.assets.assets_insert_app: FOR insert');
SELECT policy_roles_are('memory', 'assets', 'assets_insert_app', ARRAY['chain_app']::name[], 'memory.assets.assets_insert_app: TO chain_app');
SELECT policy_cmd_is('memory', 'assets', 'assets_select_app'::name, 'select', 'memory.assets.assets_select_app: FOR select');
SELECT policy_roles_are('memory', 'assets', 'assets_select_app', ARRAY['chain_app']::name[], 'memory.assets.assets_select_app: TO chain_app');
SELECT policy_cmd_is('memory', 'assets', 'assets_select_granted'::name, 'select', 'memory.assets.assets_select_granted: FOR select');
SELECT policy_roles_are('memory', 'assets', 'assets_select_granted', ARRAY['chain_user']::name[], 'memory.assets.assets_select_granted: TO chain_user');
SELECT policy_cmd_is('memory', 'assets', 'assets_select_own'::name, 'select', 'memory.assets.assets_select_own: FOR select');
SELECT policy_roles_are('memory', 'assets', 'assets_select_own', ARRAY['chain_user']::name[], 'memory.assets.assets_select_own: TO chain_user');
SELECT policy_cmd_is('memory', 'assets', 'assets_select_owner'::name, 'select', 'memory.assets.assets_select_owner: FOR select');
SELECT policy_roles_are('memory', 'assets', 'assets_select_owner', ARRAY['chain_owner']::name[], 'memory.assets.assets_select_owner: TO chain_owner');
SELECT policy_cmd_is('memory', 'assets', 'assets_select_readonly'::name, 'select', 'memory.assets.assets_select_readonly: FOR select');
SELECT policy_roles_are('memory', 'assets', 'assets_select_readonly', ARRAY['chain_readonly']::name[], 'memory.assets.assets_select_readonly: TO chain_readonly');
SELECT policy_cmd_is('memory', 'assets', 'assets_update_app'::name, 'update', 'memory.assets.assets_update_app: FOR update');
SELECT policy_roles_are('memory', 'assets', 'assets_update_app', ARRAY['chain_app']::name[], 'memory.assets.assets_update_app: TO chain_app');
SELECT policy_cmd_is('memory', 'assets', 'assets_update_own'::name, 'update', 'memory.assets.assets_update_own: FOR update');
SELECT policy_roles_are('memory', 'assets', 'assets_update_own', ARRAY['chain_user']::name[], 'memory.assets.assets_update_own: TO chain_user');
SELECT policy_cmd_is('memory', 'assets', 'assets_update_owner'::name, 'update', 'memory.assets.assets_update_owner: FOR update');
SELECT policy_roles_are('memory', 'assets', 'assets_update_owner', ARRAY['chain_owner']::name[], 'memory.assets.assets_update_owner: TO chain_owner');
SELECT table_privs_are('memory', 'assets', 'chain_app', ARRAY['DELETE', 'INSERT', 'SELECT', 'UPDATE'], 'memory.assets: chain_app has DELETE, INSERT, SELECT, UPDATE');
SELECT table_privs_are('memory', 'assets', 'chain_user', ARRAY['SELECT'], 'memory.assets: chain_user has SELECT');
SELECT table_privs_are('memory', 'assets', 'chain_readonly', ARRAY['SELECT'], 'memory.assets: chain_readonly has SELECT');
SELECT table_privs_are('memory', 'assets', 'public', ARRAY[]::text[], 'memory.assets: public has no table privilege');

-- func memory.asset_guard(): 4 assertions
SELECT tests.function_conventions('memory.asset_guard()');

-- fixture, as the test's owner: a tree, a batch, two assets of Ann and one of Bob
INSERT INTO memory.merkle_trees (tree_address, max_depth, max_buffer_size) VALUES ('TreeA1111111111111111111111111111111111111', 14, 64);
INSERT INTO memory.batches (batch_id, owner_address, memory_count, merkle_tree_address) VALUES
    ('b-ann-1', 'Ann11111111111111111111111111111111111111111', 2, 'TreeA1111111111111111111111111111111111111');
INSERT INTO memory.assets (asset_id, owner_address, arweave_id, content_hash, batch_id, encryption_key_id, agent_id, memory_type, metadata) VALUES
    ('a-ann-1', 'Ann11111111111111111111111111111111111111111', repeat('a', 43), repeat('0', 64), 'b-ann-1', 'k1', 'agent-1', 'episodic',
     '{"title": "Trip to Lisbon", "tags": ["travel"]}'),
    ('a-ann-2', 'Ann11111111111111111111111111111111111111111', repeat('b', 43), repeat('1', 64), 'b-ann-1', 'k1', 'agent-1', 'semantic', '{}'),
    ('a-bob-1', 'Bob11111111111111111111111111111111111111111', repeat('c', 43), repeat('2', 64), NULL, 'k2', 'agent-2', 'semantic', '{}');

-- behaviour: the guard (memory.asset_guard) and the seed's trigger
SELECT throws_ok($$INSERT INTO memory.assets (asset_id, owner_address, arweave_id, content_hash, version, encryption_key_id, agent_id, memory_type) VALUES ('a-x', 'Ann11111111111111111111111111111111111111111', repeat('a', 43), repeat('0', 64), 2, 'k', 'a', 'episodic')$$,
                 '55000', NULL, 'memory.assets.assets_guard: a new asset starts at version 1');
SELECT throws_ok($$INSERT INTO memory.assets (asset_id, owner_address, arweave_id, content_hash, burned_at, encryption_key_id, agent_id, memory_type) VALUES ('a-x', 'Ann11111111111111111111111111111111111111111', repeat('a', 43), repeat('0', 64), now(), 'k', 'a', 'episodic')$$,
                 '55000', NULL, 'memory.asset_guard(): a new asset is not burned');
SELECT throws_ok($$UPDATE memory.assets SET owner_address = 'Bob11111111111111111111111111111111111111111' WHERE asset_id = 'a-ann-1'$$,
                 '55000', NULL, 'memory.asset_guard(): the owner changes only by a transfer');
SELECT throws_ok($$UPDATE memory.assets SET version = 2 WHERE asset_id = 'a-ann-1'$$,
                 '55000', NULL, 'memory.asset_guard(): the version changes only by memory.versions');
SELECT throws_ok($$UPDATE memory.assets SET content_hash = repeat('f', 64) WHERE asset_id = 'a-ann-1'$$,
                 '55000', NULL, 'memory.asset_guard(): the content changes only by memory.versions');
SELECT throws_ok($$UPDATE memory.assets SET asset_id = 'a-renamed' WHERE asset_id = 'a-ann-1'$$,
                 '55000', NULL, 'memory.asset_guard(): the id never changes');
UPDATE memory.assets SET updated_at = '2000-01-01', metadata = '{"title": "Trip to Lisbon and Porto", "tags": ["travel"]}' WHERE asset_id = 'a-ann-1';
SELECT is((SELECT updated_at FROM memory.assets WHERE asset_id = 'a-ann-1'), pg_catalog.now(),
          'memory.assets.update_memory_assets_updated_at: the seed''s trigger keeps updated_at current');
SELECT is((SELECT pg_catalog.array_agg(asset_id) FROM memory.assets WHERE search_vector @@ pg_catalog.to_tsquery('simple', 'porto')),
          ARRAY['a-ann-1'], 'memory.assets.search_vector: finds the asset by a word of its metadata title');
SELECT lives_ok($$UPDATE memory.assets SET burned_at = now() WHERE asset_id = 'a-ann-2'$$, 'memory.assets: the backend burns an asset');
SELECT throws_ok($$UPDATE memory.assets SET metadata = '{"x": 1}' WHERE asset_id = 'a-ann-2'$$,
                 '55000', NULL, 'memory.asset_guard(): a burned asset is frozen');
SELECT throws_ok($$UPDATE memory.assets SET burned_at = NULL WHERE asset_id = 'a-ann-2'$$,
                 '55000', NULL, 'memory.asset_guard(): a burn is final');
SELECT is((SELECT pg_catalog.count(*)::int FROM audit.logs WHERE table_schema = 'memory' AND table_name = 'assets'), 5,
          'memory.assets.audit_capture: inserts and updates are audited');

-- behaviour: constraints (each with a row it rejects)
SELECT throws_ok($$INSERT INTO memory.assets (asset_id, owner_address, arweave_id, content_hash, encryption_key_id, agent_id, memory_type) VALUES ('a-ann-1', 'Ann11111111111111111111111111111111111111111', repeat('a', 43), repeat('0', 64), 'k', 'a', 'episodic')$$,
                 '23505', NULL, 'memory.assets.assets_pkey: rejects a second row for one id');
SELECT throws_ok($$INSERT INTO memory.assets (asset_id, owner_address, arweave_id, content_hash, batch_id, encryption_key_id, agent_id, memory_type) VALUES ('a-x', 'Ann11111111111111111111111111111111111111111', repeat('a', 43), repeat('0', 64), 'b-none', 'k', 'a', 'episodic')$$,
                 '23503', NULL, 'memory.assets.assets_batch_id_fkey: rejects an unknown batch');
SELECT throws_ok($$DELETE FROM memory.batches WHERE batch_id = 'b-ann-1'$$,
                 '23503', NULL, 'memory.assets.assets_batch_id_fkey: a batch with assets cannot be deleted');
SELECT throws_ok($$INSERT INTO memory.assets (asset_id, owner_address, arweave_id, content_hash, encryption_key_id, agent_id, memory_type) VALUES ('a/x', 'Ann11111111111111111111111111111111111111111', repeat('a', 43), repeat('0', 64), 'k', 'a', 'episodic')$$,
                 '23514', NULL, 'memory.assets.assets_asset_id_format: rejects a slash');
SELECT throws_ok($$INSERT INTO memory.assets (asset_id, owner_address, arweave_id, content_hash, encryption_key_id, agent_id, memory_type) VALUES ('a-x', 'nobody', repeat('a', 43), repeat('0', 64), 'k', 'a', 'episodic')$$,
                 '23514', NULL, 'memory.assets.owner_address: rejects an invalid wallet');
SELECT throws_ok($$INSERT INTO memory.assets (asset_id, owner_address, arweave_id, content_hash, encryption_key_id, agent_id, memory_type) VALUES ('a-x', 'Ann11111111111111111111111111111111111111111', repeat('a', 42), repeat('0', 64), 'k', 'a', 'episodic')$$,
                 '23514', NULL, 'memory.assets.assets_arweave_id_format: rejects 42 characters');
SELECT throws_ok($$INSERT INTO memory.assets (asset_id, owner_address, arweave_id, content_hash, encryption_key_id, agent_id, memory_type) VALUES ('a-x', 'Ann11111111111111111111111111111111111111111', repeat('a', 43), repeat('A', 64), 'k', 'a', 'episodic')$$,
                 '23514', NULL, 'memory.assets.assets_content_hash_format: rejects upper-case hex');
SELECT throws_ok($$INSERT INTO memory.assets (asset_id, owner_address, arweave_id, content_hash, encryption_key_id, agent_id, memory_type) VALUES ('a-x', 'Ann11111111111111111111111111111111111111111', repeat('a', 43), repeat('0', 64), '', 'a', 'episodic')$$,
                 '23514', NULL, 'memory.assets.assets_encryption_key_id_length: rejects an empty key id');
SELECT throws_ok($$INSERT INTO memory.assets (asset_id, owner_address, arweave_id, content_hash, encryption_key_id, agent_id, memory_type) VALUES ('a-x', 'Ann11111111111111111111111111111111111111111', repeat('a', 43), repeat('0', 64), 'k', repeat('a', 65), 'episodic')$$,
                 '23514', NULL, 'memory.assets.assets_agent_id_length: rejects 65 characters');
SELECT throws_ok($$INSERT INTO memory.assets (asset_id, owner_address, arweave_id, content_hash, encryption_key_id, agent_id, memory_type) VALUES ('a-x', 'Ann11111111111111111111111111111111111111111', repeat('a', 43), repeat('0', 64), 'k', 'a', 'Episodic')$$,
                 '23514', NULL, 'memory.assets.assets_memory_type_format: rejects upper case');
SELECT throws_ok($$INSERT INTO memory.assets (asset_id, owner_address, arweave_id, content_hash, encryption_key_id, agent_id, memory_type, metadata) VALUES ('a-x', 'Ann11111111111111111111111111111111111111111', repeat('a', 43), repeat('0', 64), 'k', 'a', 'episodic', '[]')$$,
                 '23514', NULL, 'memory.assets.assets_metadata_object: rejects an array');
SELECT throws_ok($$UPDATE memory.assets SET burned_at = created_at - interval '1 day' WHERE asset_id = 'a-bob-1'$$,
                 '23514', NULL, 'memory.assets.assets_burned_after_creation: rejects a burn before the mint');
ALTER TABLE memory.assets DISABLE TRIGGER assets_guard;   -- rolled back: reach the CHECK behind the guard
SELECT throws_ok($$INSERT INTO memory.assets (asset_id, owner_address, arweave_id, content_hash, version, encryption_key_id, agent_id, memory_type) VALUES ('a-x', 'Ann11111111111111111111111111111111111111111', repeat('a', 43), repeat('0', 64), 0, 'k', 'a', 'episodic')$$,
                 '23514', NULL, 'memory.assets.assets_version_positive: rejects version 0');
ALTER TABLE memory.assets ENABLE TRIGGER assets_guard;

-- behaviour: RLS (the seed's owner_access, by wallet)
SELECT tests.act_as_wallet('Ann11111111111111111111111111111111111111111');
SELECT is((SELECT pg_catalog.array_agg(asset_id ORDER BY asset_id) FROM memory.assets), ARRAY['a-ann-1', 'a-ann-2'],
          'memory.assets.assets_select_own: Ann sees her own assets only');
SELECT lives_ok($$UPDATE memory.assets SET metadata = '{"title": "Lisbon"}' WHERE asset_id = 'a-ann-1'$$,
                'memory.assets.assets_update_own: the owner edits the metadata');
SELECT is((SELECT metadata ->> 'title' FROM memory.assets WHERE asset_id = 'a-ann-1'), 'Lisbon', 'memory.assets.metadata: the owner''s edit is stored');
SELECT is_empty($$UPDATE memory.assets SET metadata = '{}' WHERE asset_id = 'a-bob-1' RETURNING 1$$,
                'memory.assets.assets_update_own: Ann cannot edit Bob''s asset (0 rows)');
SELECT throws_ok($$UPDATE memory.assets SET agent_id = 'x' WHERE asset_id = 'a-ann-1'$$, '42501', NULL,
                 'memory.assets: an end user edits metadata only (column privilege)');
SELECT throws_ok($$INSERT INTO memory.assets (asset_id, owner_address, arweave_id, content_hash, encryption_key_id, agent_id, memory_type) VALUES ('a-x', 'Ann11111111111111111111111111111111111111111', repeat('a', 43), repeat('0', 64), 'k', 'a', 'episodic')$$,
                 '42501', NULL, 'memory.assets: an end user cannot mint directly');
SELECT throws_ok($$DELETE FROM memory.assets WHERE asset_id = 'a-ann-1'$$, '42501', NULL, 'memory.assets: an end user cannot delete');
SELECT tests.act_as_wallet('Bob11111111111111111111111111111111111111111');
SELECT is((SELECT pg_catalog.array_agg(asset_id ORDER BY asset_id) FROM memory.assets), ARRAY['a-bob-1'],
          'memory.assets.assets_select_own: Bob sees his own asset only');
SELECT tests.act_as_wallet(NULL);
SELECT is_empty($$SELECT 1 FROM memory.assets$$, 'memory.assets.assets_select_own: no wallet, no rows');
SELECT tests.act_as_role('chain_readonly');
SELECT is((SELECT pg_catalog.count(*)::int FROM memory.assets), 3, 'memory.assets.assets_select_readonly: reporting sees every asset');
SELECT tests.act_as_role('chain_app');
SELECT is((SELECT pg_catalog.count(*)::int FROM memory.assets), 3, 'memory.assets.assets_select_app: the backend sees every asset');
SELECT tests.reset_role();

SELECT * FROM finish();
ROLLBACK;
