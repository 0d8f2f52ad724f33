-- pgTAP: memory/batches — structure, state machine, constraints, privileges and RLS of memory.batches and enum batch_status.
BEGIN;
SELECT plan(110);

-- table memory.batches: 73 assertions
SELECT tests.table_conventions('memory.batches');
SELECT columns_are('memory', 'batches', ARRAY['batch_id', 'owner_address', 'memory_count', 'total_size_bytes', 'merkle_tree_address', 'transaction_signature', 'status', 'total_cost_lamports', 'solana_cost_lamports', 'arweave_cost_winston', 'priority_fee_lamports', 'created_at', 'confirmed_at', 'error_message', 'updated_at']::name[], 'memory.batches: exactly these columns');
SELECT col_type_is('memory', 'batches', c, ty, 'memory.batches.' || c || ': ' || ty)
  FROM (VALUES ('batch_id', 'text'), ('owner_address', 'core.wallet_address'), ('memory_count', 'integer'), ('total_size_bytes', 'bigint'), ('merkle_tree_address', 'text'), ('transaction_signature', 'text'), ('status', 'memory.batch_status'), ('total_cost_lamports', 'bigint'), ('solana_cost_lamports', 'bigint'), ('arweave_cost_winston', 'bigint'), ('priority_fee_lamports', 'bigint'), ('created_at', 'timestamp with time zone'), ('confirmed_at', 'timestamp with time zone'), ('error_message', 'text'), ('updated_at', 'timestamp with time zone')) AS v (c, ty);
SELECT col_not_null('memory', 'batches', c, 'memory.batches.' || c || ': not null') FROM pg_catalog.unnest(ARRAY['batch_id', 'owner_address', 'memory_count', 'total_size_bytes', 'merkle_tree_address', 'status', 'total_cost_lamports', 'solana_cost_lamports', 'arweave_cost_winston', 'priority_fee_lamports', 'created_at', 'updated_at']::name[]) AS c;
SELECT col_is_null('memory', 'batches', c, 'memory.batches.' || c || ': nullable') FROM pg_catalog.unnest(ARRAY['transaction_signature', 'confirmed_at', 'error_message']::name[]) AS c;
SELECT set_eq($$SELECT conname::text FROM pg_catalog.pg_constraint WHERE conrelid = 'memory.batches'::regclass$$,
              ARRAY['batches_batch_id_format', 'batches_completed_is_confirmed', 'batches_cost_breakdown_within_total', 'batches_costs_nonnegative', 'batches_error_message_length', 'batches_memory_count_positive', 'batches_merkle_tree_address_fkey', 'batches_pkey', 'batches_total_size_bytes_nonnegative', 'batches_transaction_signature_format'], 'memory.batches: constraints batches_batch_id_format, batches_completed_is_confirmed, batches_cost_breakdown_within_total, batches_costs_nonnegative, batches_error_message_length, batches_memory_count_positive, batches_merkle_tree_address_fkey, batches_pkey, batches_total_size_bytes_nonnegative, batches_transaction_signature_format');
SELECT indexes_are('memory', 'batches', ARRAY['batches_completed_day_idx', 'batches_created_at_idx', 'batches_merkle_tree_address_idx', 'batches_owner_address_created_at_idx', 'batches_pkey', 'batches_status_created_at_idx', 'batches_transaction_signature_idx']::name[], 'memory.batches: indexes batches_completed_day_idx, batches_created_at_idx, batches_merkle_tree_address_idx, batches_owner_address_created_at_idx, batches_pkey, batches_status_created_at_idx, batches_transaction_signature_idx');
SELECT is(pg_catalog.pg_get_indexdef('memory.batches_completed_day_idx'::regclass), 'CREATE INDEX batches_completed_day_idx ON memory.batches USING btree ((((created_at AT TIME ZONE ''UTC''::text))::date)) WHERE (status = ''completed''::memory.batch_status)', 'memory.batches.batches_completed_day_idx: definition');
SELECT is(pg_catalog.pg_get_indexdef('memory.batches_created_at_idx'::regclass), 'CREATE INDEX batches_created_at_idx ON memory.batches USING btree (created_at DESC)', 'memory.batches.batches_created_at_idx: definition');
SELECT is(pg_catalog.pg_get_indexdef('memory.batches_merkle_tree_address_idx'::regclass), 'CREATE INDEX batches_merkle_tree_address_idx ON memory.batches USING btree (merkle_tree_address)', 'memory.batches.batches_merkle_tree_address_idx: definition');
SELECT is(pg_catalog.pg_get_indexdef('memory.batches_owner_address_created_at_idx'::regclass), 'CREATE INDEX batches_owner_address_created_at_idx ON memory.batches USING btree (owner_address, created_at DESC)', 'memory.batches.batches_owner_address_created_at_idx: definition');
SELECT is(pg_catalog.pg_get_indexdef('memory.batches_pkey'::regclass), 'CREATE UNIQUE INDEX batches_pkey ON memory.batches USING btree (batch_id)', 'memory.batches.batches_pkey: definition');
SELECT is(pg_catalog.pg_get_indexdef('memory.batches_status_created_at_idx'::regclass), 'CREATE INDEX batches_status_created_at_idx ON memory.batches USING btree (status, created_at)', 'memory.batches.batches_status_created_at_idx: definition');
SELECT is(pg_catalog.pg_get_indexdef('memory.batches_transaction_signature_idx'::regclass), 'CREATE INDEX batches_transaction_signature_idx ON memory.batches USING btree (transaction_signature)', 'memory.batches.batches_transaction_signature_idx: definition');
SELECT triggers_are('memory', 'batches', ARRAY['audit_capture', 'audit_capture_truncate', 'batches_set_updated_at', 'batches_state_machine']::name[], 'memory.batches: triggers audit_capture, audit_capture_truncate, batches_set_updated_at, batches_state_machine');
SELECT trigger_is('memory', 'batches', 'audit_capture', 'audit', 'capture', 'memory.batches.audit_capture: calls audit.capture()');
SELECT trigger_is('memory', 'batches', 'audit_capture_truncate', 'audit', 'capture_statement', 'memory.batches.audit_capture_truncate: calls audit.capture_statement()');
SELECT trigger_is('memory', 'batches', 'batches_set_updated_at', 'core', 'set_updated_at', 'memory.batches.batches_set_updated_at: calls core.set_updated_at()');
SELECT trigger_is('memory', 'batches', 'batches_state_machine', 'core', 'enforce_transition', 'memory.batches.batches_state_machine: calls core.enforce_transition()');
SELECT policies_are('memory', 'batches', ARRAY['batches_delete_app', 'batches_insert_app', 'batches_select_app', 'batches_select_own', 'batches_select_owner', 'batches_select_readonly', 'batches_update_app']::name[], 'memory.batches: policies');
SELECT policy_cmd_is('memory', 'batches', 'batches_delete_app'::name, 'delete', 'memory.batches.batches_delete_app: FOR delete');
SELECT policy_roles_are('memory', 'batches', 'batches_delete_app', ARRAY['chain_app']::name[], 'memory.batches.batches_delete_app: TO chain_app');
SELECT policy_cmd_is('memory', 'batches', 'batches_insert_app'::name, 'insert', 'memory.batches.batches_insert_app: FOR insert');
SELECT policy_roles_are('memory', 'batches', 'batches_insert_app', ARRAY['chain_app']::name[], 'memory.batches.batches_insert_app: TO chain_app');
SELECT policy_cmd_is('memory', 'batches', 'batches_select_app'::name, 'select', 'memory.batches.batches_select_app: FOR select');
SELECT policy_roles_are('memory', 'batches', 'batches_select_app', ARRAY['chain_app']::name[], 'memory.batches.batches_select_app: TO chain_app');
SELECT policy_cmd_is('memory', 'batches', 'batches_select_own'::name, 'select', 'memory.batches.batches_select_own: FOR select');
SELECT policy_roles_are('memory', 'batches', 'batches_select_own', ARRAY['chain_user']::name[], 'memory.batches.batches_select_own: TO chain_user');
SELECT policy_cmd_is('memory', 'batches', 'batches_select_owner'::name, 'select', 'memory.batches.batches_select_owner: FOR select');
SELECT policy_roles_are('memory', 'batches', 'batches_select_owner', ARRAY['chain_owner']::name[], 'memory.batches.batches_select_owner: TO chain_owner');
SELECT policy_cmd_is('memory', 'batches', 'batches_select_readonly'::name, 'select', 'memory.batches.batches_select_readonly: FOR select');
SELECT policy_roles_are('memory', 'batches', 'batches_select_readonly', ARRAY['chain_readonly']::name[], 'memory.batches.batches_select_readonly: TO chain_readonly');
SELECT policy_cmd_is('memory', 'batches', 'batches_update_app'::name, 'update', 'memory.batches.batches_update_app: FOR update');
SELECT policy_roles_are('memory', 'batches', 'batches_update_app', ARRAY['chain_app']::name[], 'memory.batches.batches_update_app: TO chain_app');
SELECT table_privs_are('memory', 'batches', 'chain_app', ARRAY['DELETE', 'INSERT', 'SELECT', 'UPDATE'], 'memory.batches: chain_app has DELETE, INSERT, SELECT, UPDATE');
SELECT table_privs_are('memory', 'batches', 'chain_user', ARRAY['SELECT'], 'memory.batches: chain_user has SELECT');
SELECT table_privs_are('memory', 'batches', 'chain_readonly', ARRAY['SELECT'], 'memory.batches: chain_readonly has SELECT');
SELECT table_privs_are('memory', 'batches', 'public', ARRAY[]::text[], 'memory.batches: public has no table privilege');

-- enum memory.batch_status: 2 assertions
SELECT enum_has_labels('memory', 'batch_status', ARRAY['pending', 'processing', 'completed', 'failed']::name[], 'memory.batch_status: labels pending, processing, completed, failed (in this order)');
SELECT ok(pg_catalog.obj_description('memory.batch_status'::regtype, 'pg_type') IS NOT NULL, 'memory.batch_status: has a comment');

-- fixture, as the test's owner: a tree and two batches of Ann, one of Bob
INSERT INTO memory.merkle_trees (tree_address, max_depth, max_buffer_size) VALUES ('TreeA1111111111111111111111111111111111111', 14, 64);
INSERT INTO memory.batches (batch_id, owner_address, memory_count, merkle_tree_address) VALUES
    ('b-ann-1', 'Ann11111111111111111111111111111111111111111', 2, 'TreeA1111111111111111111111111111111111111'),
    ('b-ann-2', 'Ann11111111111111111111111111111111111111111', 1, 'TreeA1111111111111111111111111111111111111'),
    ('b-bob-1', 'Bob11111111111111111111111111111111111111111', 3, 'TreeA1111111111111111111111111111111111111');

-- behaviour: the state machine (core.state_transitions, machine memory.batch_status), as the backend
SELECT tests.act_as_role('chain_app');
SELECT throws_ok($$INSERT INTO memory.batches (batch_id, owner_address, memory_count, merkle_tree_address, status, error_message) VALUES ('b-x', 'Ann11111111111111111111111111111111111111111', 1, 'TreeA1111111111111111111111111111111111111', 'failed', 'x')$$,
                 '55000', NULL, 'memory.batches.batches_state_machine: rejects a batch created failed');
SELECT lives_ok($$INSERT INTO memory.batches (batch_id, owner_address, memory_count, merkle_tree_address, status, transaction_signature, confirmed_at) VALUES ('b-indexed', 'Bob11111111111111111111111111111111111111111', 1, 'TreeA1111111111111111111111111111111111111', 'completed', repeat('4', 88), now())$$,
                'memory.batch_status: a confirmed batch may be indexed as completed');
SELECT throws_ok($$UPDATE memory.batches SET status = 'completed', confirmed_at = now(), transaction_signature = repeat('5', 88) WHERE batch_id = 'b-ann-1'$$,
                 '55000', NULL, 'memory.batch_status: rejects pending -> completed');
SELECT lives_ok($$UPDATE memory.batches SET status = 'processing' WHERE batch_id = 'b-ann-1'$$, 'memory.batch_status: allows pending -> processing');
SELECT lives_ok($$UPDATE memory.batches SET status = 'completed', confirmed_at = now(), transaction_signature = repeat('5', 88),
                  total_cost_lamports = 15000, solana_cost_lamports = 10000, priority_fee_lamports = 5000 WHERE batch_id = 'b-ann-1'$$,
                'memory.batch_status: allows processing -> completed');
SELECT throws_ok($$UPDATE memory.batches SET status = 'failed' WHERE batch_id = 'b-ann-1'$$,
                 '55000', NULL, 'memory.batch_status: completed is final');
SELECT lives_ok($$UPDATE memory.batches SET status = 'failed', error_message = 'blockhash expired' WHERE batch_id = 'b-ann-2'$$,
                'memory.batch_status: allows pending -> failed');
SELECT lives_ok($$UPDATE memory.batches SET status = 'pending' WHERE batch_id = 'b-ann-2'$$, 'memory.batch_status: allows failed -> pending (resubmitted)');
SELECT throws_ok($$UPDATE memory.batches SET status = 'processing' WHERE batch_id = 'b-ann-1'$$,
                 '55000', NULL, 'memory.batch_status: rejects completed -> processing');
SELECT throws_ok($$UPDATE memory.batches SET status = 'pending' WHERE batch_id = 'b-bob-1'$$,
                 '55000', NULL, 'memory.batch_status: a no-op transition (pending -> pending) is refused');
SELECT tests.reset_role();
SELECT set_eq($$SELECT from_state, to_state FROM core.state_transitions WHERE machine = 'memory.batch_status'::regtype AND who = 'chain_app'$$,
              $$VALUES (NULL::text, 'pending'::text), (NULL, 'processing'), (NULL, 'completed'), ('pending', 'processing'), ('pending', 'failed'),
                       ('processing', 'completed'), ('processing', 'failed'), ('failed', 'pending')$$,
              'memory.batch_status: the transition table (core.state_transitions) is the spec for chain_app');
SELECT set_eq($$SELECT to_state FROM core.state_transitions WHERE machine = 'memory.batch_status'::regtype AND who = 'chain_owner' AND from_state IS NULL$$,
              ARRAY['pending', 'processing', 'completed', 'failed'], 'memory.batch_status: chain_owner loads rows in any state');
SELECT is_empty($$SELECT 1 FROM core.state_transitions WHERE machine = 'memory.batch_status'::regtype AND who = 'chain_user'$$,
                'memory.batch_status: an end user makes no transition');
UPDATE memory.batches SET updated_at = '2000-01-01' WHERE batch_id = 'b-bob-1';
SELECT is((SELECT updated_at FROM memory.batches WHERE batch_id = 'b-bob-1'), pg_catalog.now(), 'memory.batches.batches_set_updated_at: fires on update');
SELECT is((SELECT pg_catalog.count(*)::int FROM audit.logs WHERE table_schema = 'memory' AND table_name = 'batches'), 8,
          'memory.batches.audit_capture: inserts and real updates are audited (not the no-op one)');

-- behaviour: constraints (each with a row it rejects)
SELECT throws_ok($$INSERT INTO memory.batches (batch_id, owner_address, memory_count, merkle_tree_address) VALUES ('b-ann-1', 'Ann11111111111111111111111111111111111111111', 1, 'TreeA1111111111111111111111111111111111111')$$,
                 '23505', NULL, 'memory.batches.batches_pkey: rejects a second row for one id');
SELECT throws_ok($$INSERT INTO memory.batches (batch_id, owner_address, memory_count, merkle_tree_address) VALUES ('b-x', 'Ann11111111111111111111111111111111111111111', 1, 'TreeNo11111111111111111111111111111111111')$$,
                 '23503', NULL, 'memory.batches.batches_merkle_tree_address_fkey: rejects an unknown tree');
SELECT throws_ok($$INSERT INTO memory.batches (batch_id, owner_address, memory_count, merkle_tree_address) VALUES ('bad id!', 'Ann11111111111111111111111111111111111111111', 1, 'TreeA1111111111111111111111111111111111111')$$,
                 '23514', NULL, 'memory.batches.batches_batch_id_format: rejects an id with blanks');
SELECT throws_ok($$INSERT INTO memory.batches (batch_id, owner_address, memory_count, merkle_tree_address) VALUES ('b-x', 'not a wallet', 1, 'TreeA1111111111111111111111111111111111111')$$,
                 '23514', NULL, 'memory.batches.owner_address: rejects an invalid wallet');
SELECT throws_ok($$INSERT INTO memory.batches (batch_id, owner_address, memory_count, merkle_tree_address) VALUES ('b-x', 'Ann11111111111111111111111111111111111111111', 0, 'TreeA1111111111111111111111111111111111111')$$,
                 '23514', NULL, 'memory.batches.batches_memory_count_positive: rejects an empty batch');
SELECT throws_ok($$INSERT INTO memory.batches (batch_id, owner_address, memory_count, merkle_tree_address, total_size_bytes) VALUES ('b-x', 'Ann11111111111111111111111111111111111111111', 1, 'TreeA1111111111111111111111111111111111111', -1)$$,
                 '23514', NULL, 'memory.batches.batches_total_size_bytes_nonnegative: rejects a negative size');
SELECT throws_ok($$INSERT INTO memory.batches (batch_id, owner_address, memory_count, merkle_tree_address, transaction_signature) VALUES ('b-x', 'Ann11111111111111111111111111111111111111111', 1, 'TreeA1111111111111111111111111111111111111', '0xdeadbeef')$$,
                 '23514', NULL, 'memory.batches.batches_transaction_signature_format: rejects a non-Solana signature');
SELECT throws_ok($$INSERT INTO memory.batches (batch_id, owner_address, memory_count, merkle_tree_address, arweave_cost_winston) VALUES ('b-x', 'Ann11111111111111111111111111111111111111111', 1, 'TreeA1111111111111111111111111111111111111', -5)$$,
                 '23514', NULL, 'memory.batches.batches_costs_nonnegative: rejects a negative cost');
SELECT throws_ok($$INSERT INTO memory.batches (batch_id, owner_address, memory_count, merkle_tree_address, total_cost_lamports, solana_cost_lamports) VALUES ('b-x', 'Ann11111111111111111111111111111111111111111', 1, 'TreeA1111111111111111111111111111111111111', 100, 101)$$,
                 '23514', NULL, 'memory.batches.batches_cost_breakdown_within_total: rejects fees above the total');
SELECT throws_ok($$UPDATE memory.batches SET status = 'completed' WHERE batch_id = 'b-ann-2'$$,
                 '55000', NULL, 'memory.batches: pending -> completed is refused before any CHECK');
UPDATE memory.batches SET status = 'processing' WHERE batch_id = 'b-ann-2';
SELECT throws_ok($$UPDATE memory.batches SET status = 'completed' WHERE batch_id = 'b-ann-2'$$,
                 '23514', NULL, 'memory.batches.batches_completed_is_confirmed: rejects completed without a confirmed transaction');
SELECT throws_ok($$UPDATE memory.batches SET error_message = repeat('x', 10001) WHERE batch_id = 'b-ann-2'$$,
                 '23514', NULL, 'memory.batches.batches_error_message_length: rejects an error over 10000 characters');
SELECT throws_ok($$INSERT INTO memory.batches (batch_id, owner_address, memory_count, merkle_tree_address, status) VALUES ('b-x', 'Ann11111111111111111111111111111111111111111', 1, 'TreeA1111111111111111111111111111111111111', 'lost')$$,
                 '22P02', NULL, 'memory.batch_status: rejects an unknown status');
SELECT throws_ok($$DELETE FROM memory.merkle_trees WHERE tree_address = 'TreeA1111111111111111111111111111111111111'$$,
                 '23503', NULL, 'memory.batches.batches_merkle_tree_address_fkey: a tree with batches cannot be deleted');

-- behaviour: RLS (owner by wallet)
SELECT tests.act_as_wallet('Ann11111111111111111111111111111111111111111');
SELECT is((SELECT pg_catalog.array_agg(batch_id ORDER BY batch_id) FROM memory.batches), ARRAY['b-ann-1', 'b-ann-2'],
          'memory.batches.batches_select_own: Ann sees her batches only');
SELECT throws_ok($$UPDATE memory.batches SET memory_count = 9$$, '42501', NULL, 'memory.batches: an end user cannot change batches');
SELECT tests.act_as_wallet('Bob11111111111111111111111111111111111111111');
SELECT is((SELECT pg_catalog.array_agg(batch_id ORDER BY batch_id) FROM memory.batches), ARRAY['b-bob-1', 'b-indexed'],
          'memory.batches.batches_select_own: Bob sees his batches only');
SELECT tests.act_as_wallet(NULL);
SELECT is_empty($$SELECT 1 FROM memory.batches$$, 'memory.batches.batches_select_own: no wallet, no rows');
SELECT tests.act_as_role('chain_readonly');
SELECT is((SELECT pg_catalog.count(*)::int FROM memory.batches), 4, 'memory.batches.batches_select_readonly: reporting sees every batch');
SELECT tests.act_as_role('chain_app');
SELECT lives_ok($$UPDATE memory.batches SET status = 'processing' WHERE batch_id = 'b-bob-1'$$, 'memory.batches.batches_update_app: the backend advances batches');
SELECT tests.reset_role();

SELECT * FROM finish();
ROLLBACK;
