-- pgTAP: memory/minting_queue — structure, state machine, worker API (claim, complete, fail with capped backoff, release), retention, constraints, privileges and RLS of memory.minting_queue and enums mint_status, mint_priority (SKIP LOCKED under 8 workers: test/python/test_memory_concurrency.py).
BEGIN;
SELECT plan(167);

-- table memory.minting_queue: 87 assertions
SELECT tests.table_conventions('memory.minting_queue');
SELECT columns_are('memory', 'minting_queue', ARRAY['id', 'request_id', 'owner_address', 'memory_content', 'memory_metadata', 'agent_id', 'priority', 'status', 'batch_id', 'asset_id', 'retry_count', 'max_retries', 'next_attempt_at', 'locked_by', 'locked_at', 'error_message', 'created_at', 'processed_at', 'completed_at', 'failed_at', 'updated_at']::name[], 'memory.minting_queue: exactly these columns');
SELECT col_type_is('memory', 'minting_queue', c, ty, 'memory.minting_queue.' || c || ': ' || ty)
  FROM (VALUES ('id', 'bigint'), ('request_id', 'text'), ('owner_address', 'core.wallet_address'), ('memory_content', 'text'), ('memory_metadata', 'jsonb'), ('agent_id', 'text'), ('priority', 'memory.mint_priority'), ('status', 'memory.mint_status'), ('batch_id', 'text'), ('asset_id', 'text'), ('retry_count', 'integer'), ('max_retries', 'integer'), ('next_attempt_at', 'timestamp with time zone'), ('locked_by', 'text'), ('locked_at', 'timestamp with time zone'), ('error_message', 'text'), ('created_at', 'timestamp with time zone'), ('processed_at', 'timestamp with time zone'), ('completed_at', 'timestamp with time zone'), ('failed_at', 'timestamp with time zone'), ('updated_at', 'timestamp with time zone')) AS v (c, ty);
SELECT col_not_null('memory', 'minting_queue', c, 'memory.minting_queue.' || c || ': not null') FROM pg_catalog.unnest(ARRAY['id', 'request_id', 'owner_address', 'memory_content', 'memory_metadata', 'agent_id', 'priority', 'status', 'retry_count', 'max_retries', 'next_attempt_at', 'created_at', 'updated_at']::name[]) AS c;
SELECT col_is_null('memory', 'minting_queue', c, 'memory.minting_queue.' || c || ': nullable') FROM pg_catalog.unnest(ARRAY['batch_id', 'asset_id', 'locked_by', 'locked_at', 'error_message', 'processed_at', 'completed_at', 'failed_at']::name[]) AS c;
SELECT set_eq($$SELECT conname::text FROM pg_catalog.pg_constraint WHERE conrelid = 'memory.minting_queue'::regclass$$,
              ARRAY['minting_queue_agent_id_length', 'minting_queue_asset_id_fkey', 'minting_queue_batch_id_fkey', 'minting_queue_completed_has_asset', 'minting_queue_completed_has_time', 'minting_queue_error_message_length', 'minting_queue_failed_has_time', 'minting_queue_locked_by_length', 'minting_queue_locked_when_processing', 'minting_queue_max_retries_range', 'minting_queue_memory_content_not_empty', 'minting_queue_memory_metadata_object', 'minting_queue_pkey', 'minting_queue_request_id_key', 'minting_queue_request_id_length', 'minting_queue_retry_count_range'], 'memory.minting_queue: constraints minting_queue_agent_id_length, minting_queue_asset_id_fkey, minting_queue_batch_id_fkey, minting_queue_completed_has_asset, minting_queue_completed_has_time, minting_queue_error_message_length, minting_queue_failed_has_time, minting_queue_locked_by_length, minting_queue_locked_when_processing, minting_queue_max_retries_range, minting_queue_memory_content_not_empty, minting_queue_memory_metadata_object, minting_queue_pkey, minting_queue_request_id_key, minting_queue_request_id_length, minting_queue_retry_count_range');
SELECT indexes_are('memory', 'minting_queue', ARRAY['minting_queue_asset_id_idx', 'minting_queue_batch_id_idx', 'minting_queue_completed_at_idx', 'minting_queue_dequeue_idx', 'minting_queue_failed_at_idx', 'minting_queue_owner_address_created_at_idx', 'minting_queue_pkey', 'minting_queue_request_id_key', 'minting_queue_stale_claims_idx']::name[], 'memory.minting_queue: indexes minting_queue_asset_id_idx, minting_queue_batch_id_idx, minting_queue_completed_at_idx, minting_queue_dequeue_idx, minting_queue_failed_at_idx, minting_queue_owner_address_created_at_idx, minting_queue_pkey, minting_queue_request_id_key, minting_queue_stale_claims_idx');
SELECT is(pg_catalog.pg_get_indexdef('memory.minting_queue_asset_id_idx'::regclass), 'CREATE INDEX minting_queue_asset_id_idx ON memory.minting_queue USING btree (asset_id)', 'memory.minting_queue.minting_queue_asset_id_idx: definition');
SELECT is(pg_catalog.pg_get_indexdef('memory.minting_queue_batch_id_idx'::regclass), 'CREATE INDEX minting_queue_batch_id_idx ON memory.minting_queue USING btree (batch_id)', 'memory.minting_queue.minting_queue_batch_id_idx: definition');
SELECT is(pg_catalog.pg_get_indexdef('memory.minting_queue_completed_at_idx'::regclass), 'CREATE INDEX minting_queue_completed_at_idx ON memory.minting_queue USING btree (completed_at) WHERE (status = ''completed''::memory.mint_status)', 'memory.minting_queue.minting_queue_completed_at_idx: definition');
SELECT is(pg_catalog.pg_get_indexdef('memory.minting_queue_dequeue_idx'::regclass), 'CREATE INDEX minting_queue_dequeue_idx ON memory.minting_queue USING btree (priority DESC, next_attempt_at, id) WHERE (status = ''pending''::memory.mint_status)', 'memory.minting_queue.minting_queue_dequeue_idx: definition');
SELECT is(pg_catalog.pg_get_indexdef('memory.minting_queue_failed_at_idx'::regclass), 'CREATE INDEX minting_queue_failed_at_idx ON memory.minting_queue USING btree (failed_at) WHERE (status = ''failed''::memory.mint_status)', 'memory.minting_queue.minting_queue_failed_at_idx: definition');
SELECT is(pg_catalog.pg_get_indexdef('memory.minting_queue_owner_address_created_at_idx'::regclass), 'CREATE INDEX minting_queue_owner_address_created_at_idx ON memory.minting_queue USING btree (owner_address, created_at DESC)', 'memory.minting_queue.minting_queue_owner_address_created_at_idx: definition');
SELECT is(pg_catalog.pg_get_indexdef('memory.minting_queue_pkey'::regclass), 'CREATE UNIQUE INDEX minting_queue_pkey ON memory.minting_queue USING btree (id)', 'memory.minting_queue.minting_queue_pkey: definition');
SELECT is(pg_catalog.pg_get_indexdef('memory.minting_queue_request_id_key'::regclass), 'CREATE UNIQUE INDEX minting_queue_request_id_key ON memory.minting_queue USING btree (request_id)', 'memory.minting_queue.minting_queue_request_id_key: definition');
SELECT is(pg_catalog.pg_get_indexdef('memory.minting_queue_stale_claims_idx'::regclass), 'CREATE INDEX minting_queue_stale_claims_idx ON memory.minting_queue USING btree (locked_at) WHERE (status = ''processing''::memory.mint_status)', 'memory.minting_queue.minting_queue_stale_claims_idx: definition');
SELECT triggers_are('memory', 'minting_queue', ARRAY['minting_queue_set_updated_at', 'minting_queue_state_machine']::name[], 'memory.minting_queue: triggers minting_queue_set_updated_at, minting_queue_state_machine');
SELECT trigger_is('memory', 'minting_queue', 'minting_queue_set_updated_at', 'core', 'set_updated_at', 'memory.minting_queue.minting_queue_set_updated_at: calls core.set_updated_at()');
SELECT trigger_is('memory', 'minting_queue', 'minting_queue_state_machine', 'core', 'enforce_transition', 'memory.minting_queue.minting_queue_state_machine: calls core.enforce_transition()');
SELECT policies_are('memory', 'minting_queue', ARRAY['minting_queue_delete_app', 'minting_queue_delete_owner', 'minting_queue_insert_app', 'minting_queue_select_app', 'minting_queue_select_own', 'minting_queue_select_owner', 'minting_queue_select_readonly', 'minting_queue_update_app']::name[], 'memory.minting_queue: policies');
SELECT policy_cmd_is('memory', 'minting_queue', 'minting_queue_delete_app'::name, 'delete', 'memory.minting_queue.minting_queue_delete_app: FOR delete');
SELECT policy_roles_are('memory', 'minting_queue', 'minting_queue_delete_app', ARRAY['chain_app']::name[], 'memory.minting_queue.minting_queue_delete_app: TO chain_app');
SELECT policy_cmd_is('memory', 'minting_queue', 'minting_queue_delete_owner'::name, 'delete', 'memory.minting_queue.minting_queue_delete_owner: FOR delete');
SELECT policy_roles_are('memory', 'minting_queue', 'minting_queue_delete_owner', ARRAY['chain_owner']::name[], 'memory.minting_queue.minting_queue_delete_owner: TO chain_owner');
SELECT policy_cmd_is('memory', 'minting_queue', 'minting_queue_insert_app'::name, 'insert', 'memory.minting_queue.minting_queue_insert_app: FOR insert');
SELECT policy_roles_are('memory', 'minting_queue', 'minting_queue_insert_app', ARRAY['chain_app']::name[], 'memory.minting_queue.minting_queue_insert_app: TO chain_app');
SELECT policy_cmd_is('memory', 'minting_queue', 'minting_queue_select_app'::name, 'select', 'memory.minting_queue.minting_queue_select_app: FOR select');
SELECT policy_roles_are('memory', 'minting_queue', 'minting_queue_select_app', ARRAY['chain_app']::name[], 'memory.minting_queue.minting_queue_select_app: TO chain_app');
SELECT policy_cmd_is('memory', 'minting_queue', 'minting_queue_select_own'::name, 'select', 'memory.minting_queue.minting_queue_select_own: FOR select');
SELECT policy_roles_are('memory', 'minting_queue', 'minting_queue_select_own', ARRAY['chain_user']::name[], 'memory.minting_queue.minting_queue_select_own: TO chain_user');
SELECT policy_cmd_is('memory', 'minting_queue', 'minting_queue_select_owner'::name, 'select', 'memory.minting_queue.minting_queue_select_owner: FOR select');
SELECT policy_roles_are('memory', 'minting_queue', 'minting_queue_select_owner', ARRAY['chain_owner']::name[], 'memory.minting_queue.minting_queue_select_owner: TO chain_owner');
SELECT policy_cmd_is('memory', 'minting_queue', 'minting_queue_select_readonly'::name, 'select', 'memory.minting_queue.minting_queue_select_readonly: FOR select');
SELECT policy_roles_are('memory', 'minting_queue', 'minting_queue_select_readonly', ARRAY['chain_readonly']::name[], 'memory.minting_queue.minting_queue_select_readonly: TO chain_readonly');
SELECT policy_cmd_is('memory', 'minting_queue', 'minting_queue_update_app'::name, 'update', 'memory.minting_queue.minting_queue_update_app: FOR update');
SELECT policy_roles_are('memory', 'minting_queue', 'minting_queue_update_app', ARRAY['chain_app']::name[], 'memory.minting_queue.minting_queue_update_app: TO chain_app');
SELECT table_privs_are('memory', 'minting_queue', 'chain_app', ARRAY['DELETE', 'INSERT', 'SELECT', 'UPDATE'], 'memory.minting_queue: chain_app has DELETE, INSERT, SELECT, UPDATE');
SELECT table_privs_are('memory', 'minting_queue', 'chain_user', ARRAY['SELECT'], 'memory.minting_queue: chain_user has SELECT');
SELECT table_privs_are('memory', 'minting_queue', 'chain_readonly', ARRAY[]::text[], 'memory.minting_queue: chain_readonly has no table privilege');
SELECT table_privs_are('memory', 'minting_queue', 'public', ARRAY[]::text[], 'memory.minting_queue: public has no table privilege');

-- enum memory.mint_status: 2 assertions
SELECT enum_has_labels('memory', 'mint_status', ARRAY['pending', 'processing', 'completed', 'failed']::name[], 'memory.mint_status: labels pending, processing, completed, failed (in this order)');
SELECT ok(pg_catalog.obj_description('memory.mint_status'::regtype, 'pg_type') IS NOT NULL, 'memory.mint_status: has a comment');

-- enum memory.mint_priority: 2 assertions
SELECT enum_has_labels('memory', 'mint_priority', ARRAY['low', 'medium', 'high']::name[], 'memory.mint_priority: labels low, medium, high (in this order)');
SELECT ok(pg_catalog.obj_description('memory.mint_priority'::regtype, 'pg_type') IS NOT NULL, 'memory.mint_priority: has a comment');

-- func memory.claim_mint_requests(text, integer): 4 assertions
SELECT tests.function_conventions('memory.claim_mint_requests(text, integer)');

-- func memory.complete_mint_request(bigint, text, text, text): 4 assertions
SELECT tests.function_conventions('memory.complete_mint_request(bigint, text, text, text)');

-- func memory.fail_mint_request(bigint, text, text): 4 assertions
SELECT tests.function_conventions('memory.fail_mint_request(bigint, text, text)');

-- func memory.release_stale_claims(interval): 4 assertions
SELECT tests.function_conventions('memory.release_stale_claims(interval)');

-- fixture, as the test's owner: an asset to complete with, five requests of mixed priority and age
INSERT INTO memory.assets (asset_id, owner_address, arweave_id, content_hash, encryption_key_id, agent_id, memory_type) VALUES
    ('a-ann-1', 'Ann11111111111111111111111111111111111111111', repeat('a', 43), repeat('0', 64), 'k1', 'agent-1', 'episodic');
INSERT INTO memory.minting_queue (request_id, owner_address, memory_content, agent_id, priority, created_at, next_attempt_at) VALUES
    ('r-low-old',  'Ann11111111111111111111111111111111111111111', 'secret 1', 'agent-1', 'low',    now() - interval '3 hours', now() - interval '3 hours'),
    ('r-high-new', 'Ann11111111111111111111111111111111111111111', 'secret 2', 'agent-1', 'high',   now() - interval '1 hour',  now() - interval '1 hour'),
    ('r-med',      'Bob11111111111111111111111111111111111111111', 'secret 3', 'agent-2', 'medium', now() - interval '2 hours', now() - interval '2 hours'),
    ('r-high-old', 'Bob11111111111111111111111111111111111111111', 'secret 4', 'agent-2', 'high',   now() - interval '2 hours', now() - interval '2 hours'),
    ('r-later',    'Bob11111111111111111111111111111111111111111', 'secret 5', 'agent-2', 'high',   now(), now() + interval '1 hour');

-- behaviour: claim (priority, then age; only due requests)
SELECT tests.act_as_role('chain_app');
SELECT is((SELECT pg_catalog.array_agg(request_id ORDER BY priority DESC, next_attempt_at, id) FROM memory.claim_mint_requests('w1', 2)),
          ARRAY['r-high-old', 'r-high-new'], 'memory.claim_mint_requests(): high priority first, oldest first');
SELECT is((SELECT pg_catalog.array_agg(request_id) FROM memory.claim_mint_requests('w2', 10)), ARRAY['r-med', 'r-low-old'],
          'memory.claim_mint_requests(): then medium, then low; a request not yet due is left');
SELECT is_empty($$SELECT * FROM memory.claim_mint_requests('w3', 10)$$, 'memory.claim_mint_requests(): nothing left to claim');
SELECT is((SELECT status::text || ' ' || locked_by || ' ' || (locked_at = now())::text || ' ' || (processed_at = now())::text
             FROM memory.minting_queue WHERE request_id = 'r-med'), 'processing w2 true true',
          'memory.claim_mint_requests(): a claim marks the request processing, by whom and when');
SELECT throws_ok($$SELECT * FROM memory.claim_mint_requests('', 1)$$, '22023', NULL, 'memory.claim_mint_requests(): refuses an empty worker id');
SELECT throws_ok($$SELECT * FROM memory.claim_mint_requests('w1', 0)$$, '22023', NULL, 'memory.claim_mint_requests(): refuses a limit below 1');

-- behaviour: complete
SELECT throws_ok($$SELECT memory.complete_mint_request((SELECT id FROM memory.minting_queue WHERE request_id = 'r-high-old'), 'a-ann-1', NULL, 'w2')$$,
                 '55000', NULL, 'memory.complete_mint_request(): another worker''s claim is refused');
SELECT lives_ok($$SELECT memory.complete_mint_request((SELECT id FROM memory.minting_queue WHERE request_id = 'r-high-old'), 'a-ann-1', NULL, 'w1')$$,
                'memory.complete_mint_request(): the claiming worker completes');
SELECT is((SELECT status::text || ' ' || asset_id || ' ' || (completed_at IS NOT NULL)::text || ' ' || (locked_by IS NULL)::text
             FROM memory.minting_queue WHERE request_id = 'r-high-old'), 'completed a-ann-1 true true',
          'memory.complete_mint_request(): completed, with the asset, claim cleared');
SELECT throws_ok($$SELECT memory.complete_mint_request((SELECT id FROM memory.minting_queue WHERE request_id = 'r-high-old'), 'a-ann-1')$$,
                 '55000', NULL, 'memory.complete_mint_request(): a completed request cannot complete again');
SELECT throws_ok($$SELECT memory.complete_mint_request(-1, 'a-ann-1')$$, 'P0002', NULL, 'memory.complete_mint_request(): an unknown request');

-- behaviour: fail with capped exponential backoff, then failed
SELECT is(memory.fail_mint_request((SELECT id FROM memory.minting_queue WHERE request_id = 'r-high-new'), 'rpc timeout', 'w1'), 'pending'::memory.mint_status,
          'memory.fail_mint_request(): a failure with retries left goes back to pending');
SELECT is((SELECT retry_count::text || ' ' || (next_attempt_at - now())::text || ' ' || error_message || ' ' || (locked_at IS NULL)::text
             FROM memory.minting_queue WHERE request_id = 'r-high-new'), '1 00:00:30 rpc timeout true',
          'memory.fail_mint_request(): first retry after 30 seconds');
UPDATE memory.minting_queue SET status = 'processing', locked_by = 'w1', locked_at = now() WHERE request_id = 'r-high-new';
SELECT is(memory.fail_mint_request((SELECT id FROM memory.minting_queue WHERE request_id = 'r-high-new'), 'rpc timeout'), 'pending'::memory.mint_status,
          'memory.fail_mint_request(): second failure');
SELECT is((SELECT (next_attempt_at - now())::text FROM memory.minting_queue WHERE request_id = 'r-high-new'), '00:01:00',
          'memory.fail_mint_request(): the backoff doubles (1 minute)');
UPDATE memory.minting_queue SET status = 'processing', locked_by = 'w1', locked_at = now() WHERE request_id = 'r-high-new';
SELECT is(memory.fail_mint_request((SELECT id FROM memory.minting_queue WHERE request_id = 'r-high-new'), 'rpc timeout'), 'pending'::memory.mint_status,
          'memory.fail_mint_request(): third failure, the last retry');
UPDATE memory.minting_queue SET status = 'processing', locked_by = 'w1', locked_at = now() WHERE request_id = 'r-high-new';
SELECT is(memory.fail_mint_request((SELECT id FROM memory.minting_queue WHERE request_id = 'r-high-new'), 'rpc timeout'), 'failed'::memory.mint_status,
          'memory.fail_mint_request(): retries exhausted (max_retries 3): failed');
SELECT is((SELECT retry_count::text || ' ' || (failed_at IS NOT NULL)::text FROM memory.minting_queue WHERE request_id = 'r-high-new'), '3 true',
          'memory.fail_mint_request(): failed_at stamped, retry_count at max_retries');
SELECT throws_ok($$SELECT memory.fail_mint_request((SELECT id FROM memory.minting_queue WHERE request_id = 'r-high-new'), 'again')$$,
                 '55000', NULL, 'memory.fail_mint_request(): a failed request is final');
SELECT tests.reset_role();
INSERT INTO memory.minting_queue (request_id, owner_address, memory_content, agent_id, max_retries) VALUES
    ('r-cap', 'Ann11111111111111111111111111111111111111111', 'secret 6', 'agent-1', 20);
UPDATE memory.minting_queue SET status = 'processing', locked_by = 'w9', locked_at = now(), retry_count = 12 WHERE request_id = 'r-cap';
SELECT is(memory.fail_mint_request((SELECT id FROM memory.minting_queue WHERE request_id = 'r-cap'), 'x'), 'pending'::memory.mint_status,
          'memory.fail_mint_request(): retry 13 of 20');
SELECT is((SELECT (next_attempt_at - now())::text FROM memory.minting_queue WHERE request_id = 'r-cap'), '01:00:00',
          'memory.fail_mint_request(): the backoff is capped at 1 hour');

-- behaviour: release stale claims
UPDATE memory.minting_queue SET locked_at = now() - interval '1 hour' WHERE request_id = 'r-med';
SELECT tests.act_as_role('chain_app');
SELECT is(memory.release_stale_claims('15 minutes'), 1, 'memory.release_stale_claims(): re-queues the claim older than 15 minutes only');
SELECT is((SELECT status::text || ' ' || (locked_by IS NULL)::text FROM memory.minting_queue WHERE request_id = 'r-med'), 'pending true',
          'memory.release_stale_claims(): the request is pending again, unclaimed');
SELECT is((SELECT pg_catalog.array_agg(request_id) FROM memory.claim_mint_requests('w4', 1)), ARRAY['r-med'],
          'memory.release_stale_claims(): the released request is claimed again');
SELECT throws_ok($$SELECT memory.release_stale_claims('-1 minute')$$, '22023', NULL, 'memory.release_stale_claims(): refuses a negative interval');
SELECT tests.reset_role();

-- behaviour: the state machine and constraints (each with a row it rejects)
SELECT tests.act_as_role('chain_app');
SELECT throws_ok($$INSERT INTO memory.minting_queue (request_id, owner_address, memory_content, agent_id, status, completed_at, asset_id) VALUES ('r-x', 'Ann11111111111111111111111111111111111111111', 's', 'a', 'completed', now(), 'a-ann-1')$$,
                 '55000', NULL, 'memory.minting_queue.minting_queue_state_machine: a request starts pending');
SELECT throws_ok($$UPDATE memory.minting_queue SET status = 'pending' WHERE request_id = 'r-later'$$,
                 '55000', NULL, 'memory.mint_status: a no-op transition (pending -> pending) is refused');
SELECT tests.reset_role();
SELECT set_eq($$SELECT from_state, to_state FROM core.state_transitions WHERE machine = 'memory.mint_status'::regtype AND who = 'chain_app'$$,
              $$VALUES (NULL::text, 'pending'::text), ('pending', 'processing'), ('pending', 'failed'),
                       ('processing', 'completed'), ('processing', 'pending'), ('processing', 'failed')$$,
              'memory.mint_status: the transition table (core.state_transitions) is the spec for chain_app');
SELECT is_empty($$SELECT 1 FROM core.state_transitions WHERE machine = 'memory.mint_status'::regtype AND who = 'chain_user'$$,
                'memory.mint_status: an end user makes no transition');
SELECT throws_ok($$UPDATE memory.minting_queue SET status = 'pending' WHERE request_id = 'r-high-old'$$,
                 '55000', NULL, 'memory.mint_status: completed is final');
SELECT throws_ok($$UPDATE memory.minting_queue SET status = 'completed', completed_at = now(), asset_id = 'a-ann-1' WHERE request_id = 'r-later'$$,
                 '55000', NULL, 'memory.mint_status: pending -> completed skips processing');
SELECT throws_ok($$INSERT INTO memory.minting_queue (request_id, owner_address, memory_content, agent_id) VALUES ('r-med', 'Ann11111111111111111111111111111111111111111', 's', 'a')$$,
                 '23505', NULL, 'memory.minting_queue.minting_queue_request_id_key: rejects a second request with one idempotency key');
SELECT throws_ok($$INSERT INTO memory.minting_queue (id, request_id, owner_address, memory_content, agent_id) OVERRIDING SYSTEM VALUE SELECT id, 'r-y', owner_address, 's', 'a' FROM memory.minting_queue LIMIT 1$$,
                 '23505', NULL, 'memory.minting_queue.minting_queue_pkey: rejects a duplicate id');
SELECT throws_ok($$INSERT INTO memory.minting_queue (request_id, owner_address, memory_content, agent_id, batch_id) VALUES ('r-x', 'Ann11111111111111111111111111111111111111111', 's', 'a', 'b-none')$$,
                 '23503', NULL, 'memory.minting_queue.minting_queue_batch_id_fkey: rejects an unknown batch');
SELECT throws_ok($$INSERT INTO memory.minting_queue (request_id, owner_address, memory_content, agent_id, asset_id) VALUES ('r-x', 'Ann11111111111111111111111111111111111111111', 's', 'a', 'a-none')$$,
                 '23503', NULL, 'memory.minting_queue.minting_queue_asset_id_fkey: rejects an unknown asset');
SELECT throws_ok($$INSERT INTO memory.minting_queue (request_id, owner_address, memory_content, agent_id) VALUES ('', 'Ann11111111111111111111111111111111111111111', 's', 'a')$$,
                 '23514', NULL, 'memory.minting_queue.minting_queue_request_id_length: rejects an empty key');
SELECT throws_ok($$INSERT INTO memory.minting_queue (request_id, owner_address, memory_content, agent_id) VALUES ('r-x', 'Ann11111111111111111111111111111111111111111', '', 'a')$$,
                 '23514', NULL, 'memory.minting_queue.minting_queue_memory_content_not_empty: rejects empty content');
SELECT throws_ok($$INSERT INTO memory.minting_queue (request_id, owner_address, memory_content, agent_id, memory_metadata) VALUES ('r-x', 'Ann11111111111111111111111111111111111111111', 's', 'a', '[1]')$$,
                 '23514', NULL, 'memory.minting_queue.minting_queue_memory_metadata_object: rejects an array');
SELECT throws_ok($$INSERT INTO memory.minting_queue (request_id, owner_address, memory_content, agent_id) VALUES ('r-x', 'Ann11111111111111111111111111111111111111111', 's', '')$$,
                 '23514', NULL, 'memory.minting_queue.minting_queue_agent_id_length: rejects an empty agent');
SELECT throws_ok($$INSERT INTO memory.minting_queue (request_id, owner_address, memory_content, agent_id, max_retries) VALUES ('r-x', 'Ann11111111111111111111111111111111111111111', 's', 'a', -1)$$,
                 '23514', NULL, 'memory.minting_queue.minting_queue_max_retries_range: rejects -1 retries');
SELECT throws_ok($$INSERT INTO memory.minting_queue (request_id, owner_address, memory_content, agent_id, retry_count) VALUES ('r-x', 'Ann11111111111111111111111111111111111111111', 's', 'a', 4)$$,
                 '23514', NULL, 'memory.minting_queue.minting_queue_retry_count_range: rejects more retries than allowed');
SELECT throws_ok($$INSERT INTO memory.minting_queue (request_id, owner_address, memory_content, agent_id, locked_at) VALUES ('r-x', 'Ann11111111111111111111111111111111111111111', 's', 'a', now())$$,
                 '23514', NULL, 'memory.minting_queue.minting_queue_locked_when_processing: rejects a claim on a pending request');
SELECT throws_ok($$UPDATE memory.minting_queue SET locked_by = '' WHERE request_id = 'r-med'$$,
                 '23514', NULL, 'memory.minting_queue.minting_queue_locked_by_length: rejects an empty worker id');
SELECT throws_ok($$INSERT INTO memory.minting_queue (request_id, owner_address, memory_content, agent_id, completed_at) VALUES ('r-x', 'Ann11111111111111111111111111111111111111111', 's', 'a', now())$$,
                 '23514', NULL, 'memory.minting_queue.minting_queue_completed_has_time: rejects completed_at on a pending request');
SELECT throws_ok($$UPDATE memory.minting_queue SET status = 'completed', completed_at = now(), locked_by = NULL, locked_at = NULL WHERE request_id = 'r-med'$$,
                 '23514', NULL, 'memory.minting_queue.minting_queue_completed_has_asset: rejects completed without an asset');
SELECT throws_ok($$INSERT INTO memory.minting_queue (request_id, owner_address, memory_content, agent_id, failed_at) VALUES ('r-x', 'Ann11111111111111111111111111111111111111111', 's', 'a', now())$$,
                 '23514', NULL, 'memory.minting_queue.minting_queue_failed_has_time: rejects failed_at on a pending request');
SELECT throws_ok($$INSERT INTO memory.minting_queue (request_id, owner_address, memory_content, agent_id, error_message) VALUES ('r-x', 'Ann11111111111111111111111111111111111111111', 's', 'a', repeat('e', 10001))$$,
                 '23514', NULL, 'memory.minting_queue.minting_queue_error_message_length: rejects 10001 characters');
SELECT throws_ok($$INSERT INTO memory.minting_queue (request_id, owner_address, memory_content, agent_id, priority) VALUES ('r-x', 'Ann11111111111111111111111111111111111111111', 's', 'a', 'urgent')$$,
                 '22P02', NULL, 'memory.mint_priority: rejects an unknown priority');
SELECT throws_ok($$INSERT INTO memory.minting_queue (request_id, owner_address, memory_content, agent_id, status) VALUES ('r-x', 'Ann11111111111111111111111111111111111111111', 's', 'a', 'queued')$$,
                 '22P02', NULL, 'memory.mint_status: rejects an unknown status');
SELECT ok('low'::memory.mint_priority < 'medium' AND 'medium'::memory.mint_priority < 'high', 'memory.mint_priority: sorts low < medium < high');
UPDATE memory.minting_queue SET updated_at = '2000-01-01' WHERE request_id = 'r-later';
SELECT is((SELECT updated_at FROM memory.minting_queue WHERE request_id = 'r-later'), pg_catalog.now(), 'memory.minting_queue.minting_queue_set_updated_at: fires on update');

-- behaviour: RLS and the secret
SELECT tests.act_as_wallet('Ann11111111111111111111111111111111111111111');
SELECT is((SELECT pg_catalog.count(*)::int FROM memory.minting_queue), 3, 'memory.minting_queue.minting_queue_select_own: Ann reads her own requests');
SELECT is((SELECT memory_content FROM memory.minting_queue WHERE request_id = 'r-low-old'), 'secret 1', 'memory.minting_queue.memory_content: the owner reads her own content');
SELECT throws_ok($$SELECT * FROM memory.claim_mint_requests('me', 1)$$, '42501', NULL, 'memory.claim_mint_requests(): not executable by an end user');
SELECT tests.act_as_role('chain_readonly');
SELECT is((SELECT pg_catalog.count(*)::int FROM memory.minting_queue), 6, 'memory.minting_queue.minting_queue_select_readonly: reporting sees every request');
SELECT throws_ok($$SELECT memory_content FROM memory.minting_queue$$, '42501', NULL, 'memory.minting_queue.memory_content: a secret, hidden from chain_readonly');
SELECT tests.reset_role();
SET LOCAL ROLE chain_owner;
SELECT lives_ok($$DELETE FROM memory.minting_queue WHERE status = 'completed'$$,
                'memory.minting_queue.minting_queue_delete_owner: retention (as chain_owner) deletes completed requests');
RESET ROLE;
SELECT is_empty($$SELECT 1 FROM memory.minting_queue WHERE status = 'completed'$$, 'memory.minting_queue: the completed request is gone');

-- retention rules shipped with the table (maint.cleanup_old_data applies them)
SELECT set_eq($$SELECT rule_name || ' ' || time_column || ' ' || keep_hot::text || ' ' || action || ' ' || row_filter
                  FROM ops.retention_policies WHERE table_name = 'memory.minting_queue'::regclass$$,
              ARRAY['completed completed_at 7 days delete status = ''completed''', 'failed failed_at 30 days delete status = ''failed'''],
              'memory.minting_queue: retention deletes completed requests after 7 days and failed ones after 30 (ops.retention_policies)');
SELECT throws_ok($$SELECT memory.complete_mint_request((SELECT id FROM memory.minting_queue WHERE request_id = 'r-med'), NULL)$$,
                 '22004', NULL, 'memory.complete_mint_request(): the minted asset is required');

SELECT * FROM finish();
ROLLBACK;
