-- pgTAP: memory/audit_logs — structure, partitions, append-only rule, retention, constraints, privileges and RLS of memory.audit_logs.
BEGIN;
SELECT plan(90);

-- table memory.audit_logs: 56 assertions
SELECT tests.table_conventions('memory.audit_logs');
SELECT columns_are('memory', 'audit_logs', ARRAY['id', 'wallet_address', 'action', 'asset_id', 'transaction_signature', 'details', 'ip_address', 'user_agent', 'timestamp']::name[], 'memory.audit_logs: exactly these columns');
SELECT col_type_is('memory', 'audit_logs', c, ty, 'memory.audit_logs.' || c || ': ' || ty)
  FROM (VALUES ('id', 'bigint'), ('wallet_address', 'core.wallet_address'), ('action', 'text'), ('asset_id', 'text'), ('transaction_signature', 'text'), ('details', 'jsonb'), ('ip_address', 'inet'), ('user_agent', 'text'), ('timestamp', 'timestamp with time zone')) AS v (c, ty);
SELECT col_not_null('memory', 'audit_logs', c, 'memory.audit_logs.' || c || ': not null') FROM pg_catalog.unnest(ARRAY['id', 'wallet_address', 'action', 'details', 'timestamp']::name[]) AS c;
SELECT col_is_null('memory', 'audit_logs', c, 'memory.audit_logs.' || c || ': nullable') FROM pg_catalog.unnest(ARRAY['asset_id', 'transaction_signature', 'ip_address', 'user_agent']::name[]) AS c;
SELECT set_eq($$SELECT conname::text FROM pg_catalog.pg_constraint WHERE conrelid = 'memory.audit_logs'::regclass$$,
              ARRAY['audit_logs_action_format', 'audit_logs_details_object', 'audit_logs_pkey', 'audit_logs_transaction_signature_format', 'audit_logs_user_agent_length'], 'memory.audit_logs: constraints audit_logs_action_format, audit_logs_details_object, audit_logs_pkey, audit_logs_transaction_signature_format, audit_logs_user_agent_length');
SELECT indexes_are('memory', 'audit_logs', ARRAY['audit_logs_action_timestamp_idx', 'audit_logs_asset_id_timestamp_idx', 'audit_logs_pkey', 'audit_logs_timestamp_brin', 'audit_logs_wallet_address_timestamp_idx']::name[], 'memory.audit_logs: indexes audit_logs_action_timestamp_idx, audit_logs_asset_id_timestamp_idx, audit_logs_pkey, audit_logs_timestamp_brin, audit_logs_wallet_address_timestamp_idx');
SELECT is(pg_catalog.pg_get_indexdef('memory.audit_logs_action_timestamp_idx'::regclass), 'CREATE INDEX audit_logs_action_timestamp_idx ON ONLY memory.audit_logs USING btree (action, "timestamp" DESC)', 'memory.audit_logs.audit_logs_action_timestamp_idx: definition');
SELECT is(pg_catalog.pg_get_indexdef('memory.audit_logs_asset_id_timestamp_idx'::regclass), 'CREATE INDEX audit_logs_asset_id_timestamp_idx ON ONLY memory.audit_logs USING btree (asset_id, "timestamp" DESC)', 'memory.audit_logs.audit_logs_asset_id_timestamp_idx: definition');
SELECT is(pg_catalog.pg_get_indexdef('memory.audit_logs_pkey'::regclass), 'CREATE UNIQUE INDEX audit_logs_pkey ON ONLY memory.audit_logs USING btree (id, "timestamp")', 'memory.audit_logs.audit_logs_pkey: definition');
SELECT is(pg_catalog.pg_get_indexdef('memory.audit_logs_timestamp_brin'::regclass), 'CREATE INDEX audit_logs_timestamp_brin ON ONLY memory.audit_logs USING brin ("timestamp")', 'memory.audit_logs.audit_logs_timestamp_brin: definition');
SELECT is(pg_catalog.pg_get_indexdef('memory.audit_logs_wallet_address_timestamp_idx'::regclass), 'CREATE INDEX audit_logs_wallet_address_timestamp_idx ON ONLY memory.audit_logs USING btree (wallet_address, "timestamp" DESC)', 'memory.audit_logs.audit_logs_wallet_address_timestamp_idx: definition');
SELECT triggers_are('memory', 'audit_logs', ARRAY['audit_logs_append_only']::name[], 'memory.audit_logs: triggers audit_logs_append_only');
SELECT trigger_is('memory', 'audit_logs', 'audit_logs_append_only', 'memory', 'audit_log_append_only', 'memory.audit_logs.audit_logs_append_only: calls memory.audit_log_append_only()');
SELECT policies_are('memory', 'audit_logs', ARRAY['audit_logs_delete_owner', 'audit_logs_insert_app', 'audit_logs_insert_owner', 'audit_logs_select_app', 'audit_logs_select_own', 'audit_logs_select_owner', 'audit_logs_select_readonly']::name[], 'memory.audit_logs: policies');
SELECT policy_cmd_is('memory', 'audit_logs', 'audit_logs_delete_owner'::name, 'delete', 'memory.audit_logs.audit_logs_delete_owner: FOR delete');
SELECT policy_roles_are('memory', 'audit_logs', 'audit_logs_delete_owner', ARRAY['chain_owner']::name[], 'memory.audit_logs.audit_logs_delete_owner: TO chain_owner');
SELECT policy_cmd_is('memory', 'audit_logs', 'audit_logs_insert_app'::name, 'insert', 'memory.audit_logs.audit_logs_insert_app: FOR insert');
SELECT policy_roles_are('memory', 'audit_logs', 'audit_logs_insert_app', ARRAY['chain_app']::name[], 'memory.audit_logs.audit_logs_insert_app: TO chain_app');
SELECT policy_cmd_is('memory', 'audit_logs', 'audit_logs_insert_owner'::name, 'insert', 'memory.audit_logs.audit_logs_insert_owner: FOR insert');
SELECT policy_roles_are('memory', 'audit_logs', 'audit_logs_insert_owner', ARRAY['chain_owner']::name[], 'memory.audit_logs.audit_logs_insert_owner: TO chain_owner');
SELECT policy_cmd_is('memory', 'audit_logs', 'audit_logs_select_app'::name, 'select', 'memory.audit_logs.audit_logs_select_app: FOR select');
SELECT policy_roles_are('memory', 'audit_logs', 'audit_logs_select_app', ARRAY['chain_app']::name[], 'memory.audit_logs.audit_logs_select_app: TO chain_app');
SELECT policy_cmd_is('memory', 'audit_logs', 'audit_logs_select_own'::name, 'select', 'memory.audit_logs.audit_logs_select_own: FOR select');
SELECT policy_roles_are('memory', 'audit_logs', 'audit_logs_select_own', ARRAY['chain_user']::name[], 'memory.audit_logs.audit_logs_select_own: TO chain_user');
SELECT policy_cmd_is('memory', 'audit_logs', 'audit_logs_select_owner'::name, 'select', 'memory.audit_logs.audit_logs_select_owner: FOR select');
SELECT policy_roles_are('memory', 'audit_logs', 'audit_logs_select_owner', ARRAY['chain_owner']::name[], 'memory.audit_logs.audit_logs_select_owner: TO chain_owner');
SELECT policy_cmd_is('memory', 'audit_logs', 'audit_logs_select_readonly'::name, 'select', 'memory.audit_logs.audit_logs_select_readonly: FOR select');
SELECT policy_roles_are('memory', 'audit_logs', 'audit_logs_select_readonly', ARRAY['chain_readonly']::name[], 'memory.audit_logs.audit_logs_select_readonly: TO chain_readonly');
SELECT table_privs_are('memory', 'audit_logs', 'chain_app', ARRAY['INSERT', 'SELECT'], 'memory.audit_logs: chain_app has INSERT, SELECT');
SELECT table_privs_are('memory', 'audit_logs', 'chain_user', ARRAY['SELECT'], 'memory.audit_logs: chain_user has SELECT');
SELECT table_privs_are('memory', 'audit_logs', 'chain_readonly', ARRAY[]::text[], 'memory.audit_logs: chain_readonly has no table privilege');
SELECT table_privs_are('memory', 'audit_logs', 'public', ARRAY[]::text[], 'memory.audit_logs: public has no table privilege');

-- func memory.audit_log_append_only(): 4 assertions
SELECT tests.function_conventions('memory.audit_log_append_only()');

-- behaviour: partitions (monthly, kept ahead by maint.ensure_partitions)
SELECT is((SELECT pg_catalog.count(*)::int FROM pg_catalog.pg_inherits WHERE inhparent = 'memory.audit_logs'::regclass), 5,
          'memory.audit_logs: deploy created the partitions of this month and the next 3, and the DEFAULT one');
SELECT has_table('memory', 'audit_logs_default', 'memory.audit_logs: its DEFAULT partition audit_logs_default exists (maint.ensure_partitions)');
SELECT has_table('memory', 'audit_logs_p' || pg_catalog.to_char(pg_catalog.now() AT TIME ZONE 'UTC', 'YYYY_MM'),
                 'memory.audit_logs: this month''s partition audit_logs_pYYYY_MM exists');
SELECT is_empty($$SELECT * FROM maint.ensure_partitions('memory.audit_logs', 3)$$, 'memory.audit_logs: maint.ensure_partitions finds nothing missing');
SELECT is((SELECT pg_catalog.count(*)::int FROM maint.ensure_partitions('memory.audit_logs', 5)), 2,
          'memory.audit_logs: maint.ensure_partitions adds months ahead');

-- fixture, as the backend: three entries now, one older entry in the previous month (its partition created here)
SET LOCAL ROLE chain_owner;   -- as maint.ensure_partitions does: partitions are chain_owner's
SELECT lives_ok($$CREATE TABLE memory.audit_logs_old PARTITION OF memory.audit_logs
                  FOR VALUES FROM ('2000-01-01 00:00:00+00') TO ('2000-02-01 00:00:00+00')$$, 'memory.audit_logs: accepts an old partition');
RESET ROLE;
SELECT tests.act_as_role('chain_app');
SELECT lives_ok($$INSERT INTO memory.audit_logs (wallet_address, action, asset_id, details, ip_address, user_agent) VALUES
    ('Ann11111111111111111111111111111111111111111', 'asset.mint', 'a-ann-1', '{"request_id": "r1"}', '203.0.113.7', 'sdk/1.0'),
    ('Ann11111111111111111111111111111111111111111', 'grant.create', 'a-ann-1', '{}', NULL, NULL),
    ('Bob11111111111111111111111111111111111111111', 'asset.mint', 'a-bob-1', '{}', NULL, NULL)$$,
                'memory.audit_logs.audit_logs_insert_app: the backend appends entries');
SELECT lives_ok($$INSERT INTO memory.audit_logs (wallet_address, action, "timestamp") VALUES ('Ann11111111111111111111111111111111111111111', 'asset.mint', '2000-01-15 12:00:00+00')$$,
                'memory.audit_logs: an entry lands in the partition of its month');
SELECT throws_ok($$UPDATE memory.audit_logs SET action = 'asset.burn'$$, '42501', NULL, 'memory.audit_logs: the backend cannot update (append-only)');
SELECT throws_ok($$DELETE FROM memory.audit_logs$$, '42501', NULL, 'memory.audit_logs: the backend cannot delete (append-only)');
SELECT throws_ok($$UPDATE memory.audit_logs_old SET action = 'asset.burn'$$, '55000', NULL,
                 'memory.audit_logs.audit_logs_append_only: a partition updated directly refuses too');
SELECT tests.reset_role();
SELECT is((SELECT pg_catalog.count(*)::int FROM memory.audit_logs_old), 1, 'memory.audit_logs: the old entry is in its month''s partition');
SELECT throws_ok($$UPDATE memory.audit_logs SET action = 'asset.burn'$$, '55000', NULL,
                 'memory.audit_log_append_only(): UPDATE is refused to everyone');

-- behaviour: the seed's cleanup, index-served by partition pruning: only the old month is scanned
SELECT set_eq($$SELECT DISTINCT (pg_catalog.regexp_match(l, 'Scan on (audit_logs_[a-z0-9_]+)'))[1]
                 FROM tests._explain($q$SELECT * FROM memory.audit_logs WHERE "timestamp" < '2000-02-01 00:00:00+00'$q$) AS l
                WHERE l ~ 'Scan on audit_logs_'$$,
              ARRAY['audit_logs_old', 'audit_logs_default'],
              'memory.audit_logs: the retention scan of an old range reads only its month (and the DEFAULT partition, which may hold any month)');
SELECT tests.prunes_to($$SELECT * FROM memory.audit_logs WHERE "timestamp" > pg_catalog.now() - interval '1 minute' AND "timestamp" <= pg_catalog.now()$$,
                       ('audit_logs_p' || pg_catalog.to_char(pg_catalog.now() AT TIME ZONE 'UTC', 'YYYY_MM'))::name,
                       'memory.audit_logs: a recent-range scan reads only this month''s partition');
SET LOCAL ROLE chain_owner;
SELECT lives_ok($$DELETE FROM memory.audit_logs WHERE "timestamp" < pg_catalog.now() - interval '90 days'$$,
                'memory.audit_logs.audit_logs_delete_owner: retention (as chain_owner) removes entries older than 90 days');
RESET ROLE;
SELECT is((SELECT pg_catalog.count(*)::int FROM memory.audit_logs), 3, 'memory.audit_logs: the recent entries remain');

-- behaviour: constraints (each with a row it rejects)
SELECT throws_ok($$INSERT INTO memory.audit_logs (wallet_address, action) VALUES ('Ann11111111111111111111111111111111111111111', 'Asset Mint')$$,
                 '23514', NULL, 'memory.audit_logs.audit_logs_action_format: rejects an action with blanks and capitals');
SELECT throws_ok($$INSERT INTO memory.audit_logs (wallet_address, action, transaction_signature) VALUES ('Ann11111111111111111111111111111111111111111', 'asset.mint', 'short')$$,
                 '23514', NULL, 'memory.audit_logs.audit_logs_transaction_signature_format: rejects a short signature');
SELECT throws_ok($$INSERT INTO memory.audit_logs (wallet_address, action, details) VALUES ('Ann11111111111111111111111111111111111111111', 'asset.mint', '"text"')$$,
                 '23514', NULL, 'memory.audit_logs.audit_logs_details_object: rejects a JSON string');
SELECT throws_ok($$INSERT INTO memory.audit_logs (wallet_address, action, user_agent) VALUES ('Ann11111111111111111111111111111111111111111', 'asset.mint', repeat('u', 1001))$$,
                 '23514', NULL, 'memory.audit_logs.audit_logs_user_agent_length: rejects 1001 characters');
SELECT throws_ok($$INSERT INTO memory.audit_logs (id, wallet_address, action, "timestamp") OVERRIDING SYSTEM VALUE
                   SELECT id, wallet_address, action, "timestamp" FROM memory.audit_logs LIMIT 1$$,
                 '23505', NULL, 'memory.audit_logs.audit_logs_pkey: rejects a duplicate (id, timestamp)');
SELECT throws_ok($$INSERT INTO memory.audit_logs (wallet_address, action) VALUES ('0xNOTAWALLET', 'asset.mint')$$,
                 '23514', NULL, 'memory.audit_logs.wallet_address: rejects an invalid wallet');

-- behaviour: RLS and column privileges
SELECT tests.act_as_wallet('Ann11111111111111111111111111111111111111111');
SELECT is((SELECT pg_catalog.count(*)::int FROM memory.audit_logs), 2, 'memory.audit_logs.audit_logs_select_own: Ann reads her own entries');
SELECT throws_ok($$INSERT INTO memory.audit_logs (wallet_address, action) VALUES ('Ann11111111111111111111111111111111111111111', 'asset.mint')$$,
                 '42501', NULL, 'memory.audit_logs: an end user cannot write the log');
SELECT tests.act_as_role('chain_readonly');
SELECT is((SELECT pg_catalog.count(*)::int FROM memory.audit_logs), 3, 'memory.audit_logs.audit_logs_select_readonly: reporting reads every entry');
SELECT throws_ok($$SELECT ip_address FROM memory.audit_logs$$, '42501', NULL, 'memory.audit_logs.ip_address: hidden from chain_readonly');
SELECT throws_ok($$SELECT user_agent FROM memory.audit_logs$$, '42501', NULL, 'memory.audit_logs.user_agent: hidden from chain_readonly');
SELECT throws_ok(pg_catalog.format('SELECT * FROM memory.%I', 'audit_logs_p' || pg_catalog.to_char(pg_catalog.now() AT TIME ZONE 'UTC', 'YYYY_MM')),
                 '42501', NULL, 'memory.audit_logs: a partition gives chain_readonly nothing past the parent''s column grants');
SELECT tests.reset_role();

-- the retention rule shipped with the table (maint.cleanup_old_data applies it)
SELECT is((SELECT time_column || ' ' || keep_hot::text || ' ' || action || ' ' || COALESCE(keep_archived::text, 'kept')
             FROM ops.retention_policies WHERE table_name = 'memory.audit_logs'::regclass),
          'timestamp 90 days archive kept', 'memory.audit_logs: retention archives entries older than 90 days, then removes them (ops.retention_policies)');

SELECT * FROM finish();
ROLLBACK;
