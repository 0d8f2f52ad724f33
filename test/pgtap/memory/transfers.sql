-- pgTAP: memory/transfers — structure, ownership moves, append-only rule, constraints, privileges and RLS of memory.transfers and memory.transfer_asset() (the concurrent race: test/python/test_memory_concurrency.py).
BEGIN;
SELECT plan(91);

-- table memory.transfers: 51 assertions
SELECT tests.table_conventions('memory.transfers');
SELECT columns_are('memory', 'transfers', ARRAY['id', 'asset_id', 'from_address', 'to_address', 'transaction_signature', 'transferred_at', 'metadata']::name[], 'memory.transfers: exactly these columns');
SELECT col_type_is('memory', 'transfers', c, ty, 'memory.transfers.' || c || ': ' || ty)
  FROM (VALUES ('id', 'bigint'), ('asset_id', 'text'), ('from_address', 'core.wallet_address'), ('to_address', 'core.wallet_address'), ('transaction_signature', 'text'), ('transferred_at', 'timestamp with time zone'), ('metadata', 'jsonb')) AS v (c, ty);
SELECT col_not_null('memory', 'transfers', c, 'memory.transfers.' || c || ': not null') FROM pg_catalog.unnest(ARRAY['id', 'asset_id', 'from_address', 'to_address', 'transaction_signature', 'transferred_at', 'metadata']::name[]) AS c;
SELECT set_eq($$SELECT conname::text FROM pg_catalog.pg_constraint WHERE conrelid = 'memory.transfers'::regclass$$,
              ARRAY['transfers_asset_id_fkey', 'transfers_from_not_to', 'transfers_metadata_object', 'transfers_pkey', 'transfers_transaction_signature_asset_id_key', 'transfers_transaction_signature_format'], 'memory.transfers: constraints transfers_asset_id_fkey, transfers_from_not_to, transfers_metadata_object, transfers_pkey, transfers_transaction_signature_asset_id_key, transfers_transaction_signature_format');
SELECT indexes_are('memory', 'transfers', ARRAY['transfers_asset_id_transferred_at_idx', 'transfers_from_address_transferred_at_idx', 'transfers_pkey', 'transfers_to_address_transferred_at_idx', 'transfers_transaction_signature_asset_id_key']::name[], 'memory.transfers: indexes transfers_asset_id_transferred_at_idx, transfers_from_address_transferred_at_idx, transfers_pkey, transfers_to_address_transferred_at_idx, transfers_transaction_signature_asset_id_key');
SELECT is(pg_catalog.pg_get_indexdef('memory.transfers_asset_id_transferred_at_idx'::regclass), 'CREATE INDEX transfers_asset_id_transferred_at_idx ON memory.transfers USING btree (asset_id, transferred_at DESC)', 'memory.transfers.transfers_asset_id_transferred_at_idx: definition');
SELECT is(pg_catalog.pg_get_indexdef('memory.transfers_from_address_transferred_at_idx'::regclass), 'CREATE INDEX transfers_from_address_transferred_at_idx ON memory.transfers USING btree (from_address, transferred_at DESC)', 'memory.transfers.transfers_from_address_transferred_at_idx: definition');
SELECT is(pg_catalog.pg_get_indexdef('memory.transfers_pkey'::regclass), 'CREATE UNIQUE INDEX transfers_pkey ON memory.transfers USING btree (id)', 'memory.transfers.transfers_pkey: definition');
SELECT is(pg_catalog.pg_get_indexdef('memory.transfers_to_address_transferred_at_idx'::regclass), 'CREATE INDEX transfers_to_address_transferred_at_idx ON memory.transfers USING btree (to_address, transferred_at DESC)', 'memory.transfers.transfers_to_address_transferred_at_idx: definition');
SELECT is(pg_catalog.pg_get_indexdef('memory.transfers_transaction_signature_asset_id_key'::regclass), 'CREATE UNIQUE INDEX transfers_transaction_signature_asset_id_key ON memory.transfers USING btree (transaction_signature, asset_id)', 'memory.transfers.transfers_transaction_signature_asset_id_key: definition');
SELECT triggers_are('memory', 'transfers', ARRAY['transfers_append_only', 'transfers_apply']::name[], 'memory.transfers: triggers transfers_append_only, transfers_apply');
SELECT trigger_is('memory', 'transfers', 'transfers_append_only', 'memory', 'audit_log_append_only', 'memory.transfers.transfers_append_only: calls memory.audit_log_append_only()');
SELECT trigger_is('memory', 'transfers', 'transfers_apply', 'memory', 'apply_transfer', 'memory.transfers.transfers_apply: calls memory.apply_transfer()');
SELECT policies_are('memory', 'transfers', ARRAY['transfers_insert_app', 'transfers_insert_owner', 'transfers_select_app', 'transfers_select_owner', 'transfers_select_party', 'transfers_select_readonly']::name[], 'memory.transfers: policies');
SELECT policy_cmd_is('memory', 'transfers', 'transfers_insert_app'::name, 'insert', 'memory.transfers.transfers_insert_app: FOR insert');
SELECT policy_roles_are('memory', 'transfers', 'transfers_insert_app', ARRAY['chain_app']::name[], 'memory.transfers.transfers_insert_app: TO chain_app');
SELECT policy_cmd_is('memory', 'transfers', 'transfers_insert_owner'::name, 'insert', 'memory.transfers.transfers_insert_owner: FOR insert');
SELECT policy_roles_are('memory', 'transfers', 'transfers_insert_owner', ARRAY['chain_owner']::name[], 'memory.transfers.transfers_insert_owner: TO chain_owner');
SELECT policy_cmd_is('memory', 'transfers', 'transfers_select_app'::name, 'select', 'memory.transfers.transfers_select_app: FOR select');
SELECT policy_roles_are('memory', 'transfers', 'transfers_select_app', ARRAY['chain_app']::name[], 'memory.transfers.transfers_select_app: TO chain_app');
SELECT policy_cmd_is('memory', 'transfers', 'transfers_select_owner'::name, 'select', 'memory.transfers.transfers_select_owner: FOR select');
SELECT policy_roles_are('memory', 'transfers', 'transfers_select_owner', ARRAY['chain_owner']::name[], 'memory.transfers.transfers_select_owner: TO chain_owner');
SELECT policy_cmd_is('memory', 'transfers', 'transfers_select_party'::name, 'select', 'memory.transfers.transfers_select_party: FOR select');
SELECT policy_roles_are('memory', 'transfers', 'transfers_select_party', ARRAY['chain_user']::name[], 'memory.transfers.transfers_select_party: TO chain_user');
SELECT policy_cmd_is('memory', 'transfers', 'transfers_select_readonly'::name, 'select', 'memory.transfers.transfers_select_readonly: FOR select');
SELECT policy_roles_are('memory', 'transfers', 'transfers_select_readonly', ARRAY['chain_readonly']::name[], 'memory.transfers.transfers_select_readonly: TO chain_readonly');
SELECT table_privs_are('memory', 'transfers', 'chain_app', ARRAY['INSERT', 'SELECT'], 'memory.transfers: chain_app has INSERT, SELECT');
SELECT table_privs_are('memory', 'transfers', 'chain_user', ARRAY['SELECT'], 'memory.transfers: chain_user has SELECT');
SELECT table_privs_are('memory', 'transfers', 'chain_readonly', ARRAY['SELECT'], 'memory.transfers: chain_readonly has SELECT');
SELECT table_privs_are('memory', 'transfers', 'public', ARRAY[]::text[], 'memory.transfers: public has no table privilege');

-- func memory.apply_transfer(): 4 assertions
SELECT tests.function_conventions('memory.apply_transfer()');

-- func memory.transfer_asset(text, core.wallet_address, text): 4 assertions
SELECT tests.function_conventions('memory.transfer_asset(text, core.wallet_address, text)');

-- fixture, as the test's owner: Ann's asset with grants to Bob (live) and Cyd (live), Bob's asset
INSERT INTO memory.assets (asset_id, owner_address, arweave_id, content_hash, encryption_key_id, agent_id, memory_type) VALUES
    ('a-ann-1', 'Ann11111111111111111111111111111111111111111', repeat('a', 43), repeat('0', 64), 'k1', 'agent-1', 'episodic'),
    ('a-bob-1', 'Bob11111111111111111111111111111111111111111', repeat('c', 43), repeat('2', 64), 'k2', 'agent-2', 'semantic');
INSERT INTO memory.access_grants (asset_id, grantee_address, grantor_address) VALUES
    ('a-ann-1', 'Bob11111111111111111111111111111111111111111', 'Ann11111111111111111111111111111111111111111'),
    ('a-ann-1', 'Cyd11111111111111111111111111111111111111111', 'Ann11111111111111111111111111111111111111111');

-- behaviour: memory.transfer_asset as the owner (end user)
SELECT tests.act_as_wallet('Ann11111111111111111111111111111111111111111');
SELECT throws_ok($$SELECT memory.transfer_asset('a-bob-1', 'Ann11111111111111111111111111111111111111111', repeat('5', 88))$$,
                 '42501', NULL, 'memory.transfer_asset(): a wallet cannot transfer an asset it does not own');
SELECT throws_ok($$SELECT memory.transfer_asset('a-ann-1', 'Ann11111111111111111111111111111111111111111', repeat('5', 88))$$,
                 '22023', NULL, 'memory.transfer_asset(): refuses a transfer to the owner itself');
SELECT throws_ok($$SELECT memory.transfer_asset('a-none', 'Bob11111111111111111111111111111111111111111', repeat('5', 88))$$,
                 'P0002', NULL, 'memory.transfer_asset(): refuses an unknown asset');
SELECT ok(memory.transfer_asset('a-ann-1', 'Dee11111111111111111111111111111111111111111', repeat('5', 88)) > 0,
          'memory.transfer_asset(): the owner gives her asset to Dee and gets the transfer id');
SELECT is((SELECT pg_catalog.count(*)::int FROM memory.transfers), 1, 'memory.transfers.transfers_select_party: the sender sees the transfer');
SELECT is_empty($$SELECT 1 FROM memory.assets WHERE asset_id = 'a-ann-1'$$, 'memory.transfer_asset(): the former owner no longer sees the asset');
SELECT throws_ok($$SELECT memory.transfer_asset('a-ann-1', 'Bob11111111111111111111111111111111111111111', repeat('6', 88))$$,
                 '42501', NULL, 'memory.transfer_asset(): the former owner cannot transfer it again');
SELECT tests.reset_role();
SELECT is((SELECT owner_address::text FROM memory.assets WHERE asset_id = 'a-ann-1'), 'Dee11111111111111111111111111111111111111111',
          'memory.transfers.transfers_apply: ownership moved');
SELECT is((SELECT pg_catalog.count(*)::int FROM memory.access_grants WHERE asset_id = 'a-ann-1' AND revoked_at IS NULL), 0,
          'memory.apply_transfer(): the old owner''s live grants are revoked');
SELECT is((SELECT pg_catalog.array_agg(DISTINCT revoked_by::text) FROM memory.access_grants WHERE asset_id = 'a-ann-1'),
          ARRAY['Ann11111111111111111111111111111111111111111'], 'memory.apply_transfer(): revoked by the old owner');
SELECT is((SELECT action || ' ' || wallet_address || ' ' || (details ->> 'to') || ' ' || pg_catalog.jsonb_array_length(details -> 'revoked_grant_ids')
             FROM memory.audit_logs WHERE asset_id = 'a-ann-1'),
          'asset.transfer Ann11111111111111111111111111111111111111111 Dee11111111111111111111111111111111111111111 2',
          'memory.apply_transfer(): one asset.transfer entry in memory.audit_logs, with the revoked grants');
SELECT is((SELECT pg_catalog.count(*)::int FROM audit.logs WHERE table_schema = 'memory' AND table_name = 'assets' AND operation = 'UPDATE'), 1,
          'memory.apply_transfer(): the ownership change is in the row history (audit.logs)');

-- behaviour: the backend records a transfer seen on chain; the sender must be the owner
SELECT tests.act_as_role('chain_app');
SELECT throws_ok($$INSERT INTO memory.transfers (asset_id, from_address, to_address, transaction_signature) VALUES ('a-bob-1', 'Ann11111111111111111111111111111111111111111', 'Cyd11111111111111111111111111111111111111111', repeat('7', 88))$$,
                 '55000', NULL, 'memory.apply_transfer(): a transfer from a wallet that is not the owner is refused');
SELECT lives_ok($$INSERT INTO memory.transfers (asset_id, from_address, to_address, transaction_signature) VALUES ('a-bob-1', 'Bob11111111111111111111111111111111111111111', 'Cyd11111111111111111111111111111111111111111', repeat('7', 88))$$,
                'memory.transfers.transfers_insert_app: the backend records a transfer from the owner');
SELECT throws_ok($$SELECT memory.transfer_asset('a-bob-1', 'Bob11111111111111111111111111111111111111111', repeat('8', 88))$$,
                 '42501', NULL, 'memory.transfer_asset(): the backend must name the owner''s wallet (no wallet in the request)');
SELECT throws_ok($$UPDATE memory.transfers SET to_address = 'Eve11111111111111111111111111111111111111111'$$, '42501', NULL,
                 'memory.transfers: the backend cannot rewrite history');
SELECT throws_ok($$DELETE FROM memory.transfers$$, '42501', NULL, 'memory.transfers: the backend cannot erase history');
SELECT tests.reset_role();
SELECT throws_ok($$UPDATE memory.transfers SET to_address = 'Eve11111111111111111111111111111111111111111'$$, '55000', NULL,
                 'memory.transfers.transfers_append_only: the trail is append-only, even for the owner');
UPDATE memory.assets SET burned_at = now() WHERE asset_id = 'a-bob-1';
SELECT throws_ok($$INSERT INTO memory.transfers (asset_id, from_address, to_address, transaction_signature) VALUES ('a-bob-1', 'Cyd11111111111111111111111111111111111111111', 'Bob11111111111111111111111111111111111111111', repeat('9', 88))$$,
                 '55000', NULL, 'memory.apply_transfer(): a burned asset cannot be transferred');
SELECT tests.act_as_wallet('Cyd11111111111111111111111111111111111111111');
SELECT throws_ok($$SELECT memory.transfer_asset('a-bob-1', 'Bob11111111111111111111111111111111111111111', repeat('9', 88))$$,
                 '55000', NULL, 'memory.transfer_asset(): a burned asset cannot be transferred');
SELECT is((SELECT pg_catalog.count(*)::int FROM memory.transfers), 1, 'memory.transfers.transfers_select_party: the receiver sees its transfer');
SELECT throws_ok($$INSERT INTO memory.transfers (asset_id, from_address, to_address, transaction_signature) VALUES ('a-bob-1', 'Cyd11111111111111111111111111111111111111111', 'Bob11111111111111111111111111111111111111111', repeat('9', 88))$$,
                 '42501', NULL, 'memory.transfers: an end user cannot insert directly');
SELECT tests.act_as_wallet('Eve11111111111111111111111111111111111111111');
SELECT is_empty($$SELECT 1 FROM memory.transfers$$, 'memory.transfers.transfers_select_party: a third wallet sees none');
SELECT tests.act_as_role('chain_readonly');
SELECT is((SELECT pg_catalog.count(*)::int FROM memory.transfers), 2, 'memory.transfers.transfers_select_readonly: reporting sees every transfer');
SELECT tests.reset_role();

-- behaviour: constraints (each with a row it rejects)
INSERT INTO memory.assets (asset_id, owner_address, arweave_id, content_hash, encryption_key_id, agent_id, memory_type) VALUES
    ('a-eve-1', 'Eve11111111111111111111111111111111111111111', repeat('e', 43), repeat('4', 64), 'k', 'agent-5', 'episodic');
INSERT INTO memory.transfers (asset_id, from_address, to_address, transaction_signature) VALUES
    ('a-eve-1', 'Eve11111111111111111111111111111111111111111', 'Dee11111111111111111111111111111111111111111', repeat('c', 88));
SELECT throws_ok($$INSERT INTO memory.transfers (asset_id, from_address, to_address, transaction_signature) VALUES ('a-eve-1', 'Dee11111111111111111111111111111111111111111', 'Eve11111111111111111111111111111111111111111', repeat('c', 88))$$,
                 '23505', NULL, 'memory.transfers.transfers_transaction_signature_asset_id_key: rejects a replayed signature for one asset');
SELECT throws_ok($$INSERT INTO memory.transfers (asset_id, from_address, to_address, transaction_signature) VALUES ('a-none', 'Eve11111111111111111111111111111111111111111', 'Dee11111111111111111111111111111111111111111', repeat('a', 88))$$,
                 '23503', NULL, 'memory.transfers.transfers_asset_id_fkey: rejects an unknown asset');
SELECT throws_ok($$DELETE FROM memory.assets WHERE asset_id = 'a-ann-1'$$,
                 '23503', NULL, 'memory.transfers.transfers_asset_id_fkey: an asset with transfers cannot be deleted (RESTRICT)');
SELECT throws_ok($$INSERT INTO memory.transfers (asset_id, from_address, to_address, transaction_signature) VALUES ('a-eve-1', 'Dee11111111111111111111111111111111111111111', 'Dee11111111111111111111111111111111111111111', repeat('b', 88))$$,
                 '23514', NULL, 'memory.transfers.transfers_from_not_to: rejects a transfer to oneself');
SELECT throws_ok($$INSERT INTO memory.transfers (asset_id, from_address, to_address, transaction_signature) VALUES ('a-eve-1', 'Dee11111111111111111111111111111111111111111', 'Eve11111111111111111111111111111111111111111', 'OOOO')$$,
                 '23514', NULL, 'memory.transfers.transfers_transaction_signature_format: rejects a non-base58 signature');
SELECT throws_ok($$INSERT INTO memory.transfers (asset_id, from_address, to_address, transaction_signature, metadata) VALUES ('a-eve-1', 'Dee11111111111111111111111111111111111111111', 'Eve11111111111111111111111111111111111111111', repeat('d', 88), '1')$$,
                 '23514', NULL, 'memory.transfers.transfers_metadata_object: rejects a number');
SELECT throws_ok($$INSERT INTO memory.transfers (asset_id, from_address, to_address, transaction_signature) VALUES ('a-eve-1', 'Eve11111111111111111111111111111111111111111', 'x', repeat('c', 88))$$,
                 '23514', NULL, 'memory.transfers.to_address: rejects an invalid wallet');
SELECT throws_ok($$INSERT INTO memory.transfers (id, asset_id, from_address, to_address, transaction_signature) OVERRIDING SYSTEM VALUE
                   SELECT t.id, 'a-eve-1', 'Dee11111111111111111111111111111111111111111', 'Eve11111111111111111111111111111111111111111', repeat('e', 88)
                     FROM memory.transfers AS t LIMIT 1$$,
                 '23505', NULL, 'memory.transfers.transfers_pkey: rejects a duplicate id');

SELECT * FROM finish();
ROLLBACK;
