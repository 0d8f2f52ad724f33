-- pgTAP: memory/cost_tracking — structure, constraints, privileges and RLS of memory.cost_tracking (the seed's usage query 4 index-served: test/python/test_lookups_memory.py).
BEGIN;
SELECT plan(74);

-- table memory.cost_tracking: 59 assertions
SELECT tests.table_conventions('memory.cost_tracking');
SELECT columns_are('memory', 'cost_tracking', ARRAY['id', 'operation_type', 'operation_id', 'wallet_address', 'solana_cost_lamports', 'arweave_cost_winston', 'priority_fee_lamports', 'total_cost_lamports', 'total_cost_usd', 'sol_price_usd', 'ar_price_usd', 'timestamp']::name[], 'memory.cost_tracking: exactly these columns');
SELECT col_type_is('memory', 'cost_tracking', c, ty, 'memory.cost_tracking.' || c || ': ' || ty)
  FROM (VALUES ('id', 'bigint'), ('operation_type', 'text'), ('operation_id', 'text'), ('wallet_address', 'core.wallet_address'), ('solana_cost_lamports', 'bigint'), ('arweave_cost_winston', 'bigint'), ('priority_fee_lamports', 'bigint'), ('total_cost_lamports', 'bigint'), ('total_cost_usd', 'numeric(12,4)'), ('sol_price_usd', 'numeric(12,4)'), ('ar_price_usd', 'numeric(12,4)'), ('timestamp', 'timestamp with time zone')) AS v (c, ty);
SELECT col_not_null('memory', 'cost_tracking', c, 'memory.cost_tracking.' || c || ': not null') FROM pg_catalog.unnest(ARRAY['id', 'operation_type', 'operation_id', 'wallet_address', 'solana_cost_lamports', 'arweave_cost_winston', 'priority_fee_lamports', 'total_cost_lamports', 'timestamp']::name[]) AS c;
SELECT col_is_null('memory', 'cost_tracking', c, 'memory.cost_tracking.' || c || ': nullable') FROM pg_catalog.unnest(ARRAY['total_cost_usd', 'sol_price_usd', 'ar_price_usd']::name[]) AS c;
SELECT set_eq($$SELECT conname::text FROM pg_catalog.pg_constraint WHERE conrelid = 'memory.cost_tracking'::regclass$$,
              ARRAY['cost_tracking_breakdown_within_total', 'cost_tracking_costs_nonnegative', 'cost_tracking_operation_id_length', 'cost_tracking_operation_type_format', 'cost_tracking_pkey', 'cost_tracking_prices_positive', 'cost_tracking_total_cost_usd_nonnegative'], 'memory.cost_tracking: constraints cost_tracking_breakdown_within_total, cost_tracking_costs_nonnegative, cost_tracking_operation_id_length, cost_tracking_operation_type_format, cost_tracking_pkey, cost_tracking_prices_positive, cost_tracking_total_cost_usd_nonnegative');
SELECT indexes_are('memory', 'cost_tracking', ARRAY['cost_tracking_operation_type_timestamp_idx', 'cost_tracking_pkey', 'cost_tracking_timestamp_idx', 'cost_tracking_wallet_address_timestamp_idx']::name[], 'memory.cost_tracking: indexes cost_tracking_operation_type_timestamp_idx, cost_tracking_pkey, cost_tracking_timestamp_idx, cost_tracking_wallet_address_timestamp_idx');
SELECT is(pg_catalog.pg_get_indexdef('memory.cost_tracking_operation_type_timestamp_idx'::regclass), 'CREATE INDEX cost_tracking_operation_type_timestamp_idx ON memory.cost_tracking USING btree (operation_type, "timestamp" DESC)', 'memory.cost_tracking.cost_tracking_operation_type_timestamp_idx: definition');
SELECT is(pg_catalog.pg_get_indexdef('memory.cost_tracking_pkey'::regclass), 'CREATE UNIQUE INDEX cost_tracking_pkey ON memory.cost_tracking USING btree (id)', 'memory.cost_tracking.cost_tracking_pkey: definition');
SELECT is(pg_catalog.pg_get_indexdef('memory.cost_tracking_timestamp_idx'::regclass), 'CREATE INDEX cost_tracking_timestamp_idx ON memory.cost_tracking USING btree ("timestamp")', 'memory.cost_tracking.cost_tracking_timestamp_idx: definition');
SELECT is(pg_catalog.pg_get_indexdef('memory.cost_tracking_wallet_address_timestamp_idx'::regclass), 'CREATE INDEX cost_tracking_wallet_address_timestamp_idx ON memory.cost_tracking USING btree (wallet_address, "timestamp" DESC) INCLUDE (total_cost_lamports)', 'memory.cost_tracking.cost_tracking_wallet_address_timestamp_idx: definition');
SELECT policies_are('memory', 'cost_tracking', ARRAY['cost_tracking_delete_app', 'cost_tracking_insert_app', 'cost_tracking_select_app', 'cost_tracking_select_own', 'cost_tracking_select_owner', 'cost_tracking_select_readonly', 'cost_tracking_update_app']::name[], 'memory.cost_tracking: policies');
SELECT policy_cmd_is('memory', 'cost_tracking', 'cost_tracking_delete_app'::name, 'delete', 'memory.cost_tracking.cost_tracking_delete_app: FOR delete');
SELECT policy_roles_are('memory', 'cost_tracking', 'cost_tracking_delete_app', ARRAY['chain_app']::name[], 'memory.cost_tracking.cost_tracking_delete_app: TO chain_app');
SELECT policy_cmd_is('memory', 'cost_tracking', 'cost_tracking_insert_app'::name, 'insert', 'memory.cost_tracking.cost_tracking_insert_app: FOR insert');
SELECT policy_roles_are('memory', 'cost_tracking', 'cost_tracking_insert_app', ARRAY['chain_app']::name[], 'memory.cost_tracking.cost_tracking_insert_app: TO chain_app');
SELECT policy_cmd_is('memory', 'cost_tracking', 'cost_tracking_select_app'::name, 'select', 'memory.cost_tracking.cost_tracking_select_app: FOR select');
SELECT policy_roles_are('memory', 'cost_tracking', 'cost_tracking_select_app', ARRAY['chain_app']::name[], 'memory.cost_tracking.cost_tracking_select_app: TO chain_app');
SELECT policy_cmd_is('memory', 'cost_tracking', 'cost_tracking_select_own'::name, 'select', 'memory.cost_tracking.cost_tracking_select_own: FOR select');
SELECT policy_roles_are('memory', 'cost_tracking', 'cost_tracking_select_own', ARRAY['chain_user']::name[], 'memory.cost_tracking.cost_tracking_select_own: TO chain_user');
SELECT policy_cmd_is('memory', 'cost_tracking', 'cost_tracking_select_owner'::name, 'select', 'memory.cost_tracking.cost_tracking_select_owner: FOR select');
SELECT policy_roles_are('memory', 'cost_tracking', 'cost_tracking_select_owner', ARRAY['chain_owner']::name[], 'memory.cost_tracking.cost_tracking_select_owner: TO chain_owner');
SELECT policy_cmd_is('memory', 'cost_tracking', 'cost_tracking_select_readonly'::name, 'select', 'memory.cost_tracking.cost_tracking_select_readonly: FOR select');
SELECT policy_roles_are('memory', 'cost_tracking', 'cost_tracking_select_readonly', ARRAY['chain_readonly']::name[], 'memory.cost_tracking.cost_tracking_select_readonly: TO chain_readonly');
SELECT policy_cmd_is('memory', 'cost_tracking', 'cost_tracking_update_app'::name, 'update', 'memory.cost_tracking.cost_tracking_update_app: FOR update');
SELECT policy_roles_are('memory', 'cost_tracking', 'cost_tracking_update_app', ARRAY['chain_app']::name[], 'memory.cost_tracking.cost_tracking_update_app: TO chain_app');
SELECT table_privs_are('memory', 'cost_tracking', 'chain_app', ARRAY['DELETE', 'INSERT', 'SELECT', 'UPDATE'], 'memory.cost_tracking: chain_app has DELETE, INSERT, SELECT, UPDATE');
SELECT table_privs_are('memory', 'cost_tracking', 'chain_user', ARRAY['SELECT'], 'memory.cost_tracking: chain_user has SELECT');
SELECT table_privs_are('memory', 'cost_tracking', 'chain_readonly', ARRAY['SELECT'], 'memory.cost_tracking: chain_readonly has SELECT');
SELECT table_privs_are('memory', 'cost_tracking', 'public', ARRAY[]::text[], 'memory.cost_tracking: public has no table privilege');

-- fixture, as the backend: Ann's costs on two days, Bob's one
SELECT tests.act_as_role('chain_app');
SELECT lives_ok($$INSERT INTO memory.cost_tracking (operation_type, operation_id, wallet_address, solana_cost_lamports, arweave_cost_winston,
                                                   priority_fee_lamports, total_cost_lamports, total_cost_usd, sol_price_usd, ar_price_usd, "timestamp") VALUES
    ('batch_mint', 'b-1', 'Ann11111111111111111111111111111111111111111', 10000, 250000, 5000, 15000, 0.0031, 142.5, 21.3, '2026-01-10 10:00:00+00'),
    ('mint', 'a-1', 'Ann11111111111111111111111111111111111111111', 5000, 30000, 0, 5000, NULL, NULL, NULL, '2026-01-10 18:00:00+00'),
    ('mint', 'a-2', 'Ann11111111111111111111111111111111111111111', 5000, 30000, 1000, 7000, NULL, NULL, NULL, '2026-01-11 09:00:00+00'),
    ('transfer', 'a-3', 'Bob11111111111111111111111111111111111111111', 5000, 0, 0, 5000, NULL, NULL, NULL, '2026-01-11 09:00:00+00')$$,
                'memory.cost_tracking.cost_tracking_insert_app: the backend records costs');
SELECT lives_ok($$INSERT INTO memory.cost_tracking (operation_type, operation_id, wallet_address, total_cost_lamports) VALUES ('mint', 'a-4', 'Cyd11111111111111111111111111111111111111111', 9000)$$,
                'memory.cost_tracking.total_cost_lamports: a total without breakdown is accepted (the seed''s columns only)');
SELECT tests.reset_role();

-- behaviour: the seed's usage query 4 (cost per day of one wallet), results
SELECT results_eq($$SELECT DATE_TRUNC('day', timestamp) AS date, COUNT(*) AS operations, SUM(total_cost_lamports) AS total_cost,
                           AVG(total_cost_lamports) AS avg_cost
                      FROM memory.cost_tracking WHERE wallet_address = 'Ann11111111111111111111111111111111111111111'
                     GROUP BY DATE_TRUNC('day', timestamp) ORDER BY date DESC$$,
                  $$VALUES ('2026-01-11 00:00:00+00'::timestamptz, 1::bigint, 7000::numeric, 7000::numeric),
                           ('2026-01-10 00:00:00+00'::timestamptz, 2::bigint, 20000::numeric, 10000::numeric)$$,
                  'memory.cost_tracking: the seed''s cost-per-day query for one wallet (usage query 4)');

-- behaviour: constraints (each with a row it rejects)
SELECT throws_ok($$INSERT INTO memory.cost_tracking (id, operation_type, operation_id, wallet_address, total_cost_lamports) OVERRIDING SYSTEM VALUE SELECT id, 'mint', 'x', wallet_address, 1 FROM memory.cost_tracking LIMIT 1$$,
                 '23505', NULL, 'memory.cost_tracking.cost_tracking_pkey: rejects a duplicate id');
SELECT throws_ok($$INSERT INTO memory.cost_tracking (operation_type, operation_id, wallet_address, total_cost_lamports) VALUES ('Batch Mint', 'x', 'Ann11111111111111111111111111111111111111111', 1)$$,
                 '23514', NULL, 'memory.cost_tracking.cost_tracking_operation_type_format: rejects blanks and capitals');
SELECT throws_ok($$INSERT INTO memory.cost_tracking (operation_type, operation_id, wallet_address, total_cost_lamports) VALUES ('mint', '', 'Ann11111111111111111111111111111111111111111', 1)$$,
                 '23514', NULL, 'memory.cost_tracking.cost_tracking_operation_id_length: rejects an empty id');
SELECT throws_ok($$INSERT INTO memory.cost_tracking (operation_type, operation_id, wallet_address, total_cost_lamports) VALUES ('mint', 'x', 'Ann11111111111111111111111111111111111111111', -1)$$,
                 '23514', NULL, 'memory.cost_tracking.cost_tracking_costs_nonnegative: rejects a negative total');
SELECT throws_ok($$INSERT INTO memory.cost_tracking (operation_type, operation_id, wallet_address, solana_cost_lamports, priority_fee_lamports, total_cost_lamports) VALUES ('mint', 'x', 'Ann11111111111111111111111111111111111111111', 5000, 1000, 5999)$$,
                 '23514', NULL, 'memory.cost_tracking.cost_tracking_breakdown_within_total: rejects fees above the total');
SELECT throws_ok($$INSERT INTO memory.cost_tracking (operation_type, operation_id, wallet_address, total_cost_lamports, total_cost_usd) VALUES ('mint', 'x', 'Ann11111111111111111111111111111111111111111', 1, -0.5)$$,
                 '23514', NULL, 'memory.cost_tracking.cost_tracking_total_cost_usd_nonnegative: rejects a negative USD total');
SELECT throws_ok($$INSERT INTO memory.cost_tracking (operation_type, operation_id, wallet_address, total_cost_lamports, sol_price_usd) VALUES ('mint', 'x', 'Ann11111111111111111111111111111111111111111', 1, 0)$$,
                 '23514', NULL, 'memory.cost_tracking.cost_tracking_prices_positive: rejects a zero price');
SELECT throws_ok($$INSERT INTO memory.cost_tracking (operation_type, operation_id, wallet_address) VALUES ('mint', 'x', 'Ann11111111111111111111111111111111111111111')$$,
                 '23502', NULL, 'memory.cost_tracking.total_cost_lamports: required');

-- behaviour: RLS
SELECT tests.act_as_wallet('Ann11111111111111111111111111111111111111111');
SELECT is((SELECT pg_catalog.count(*)::int FROM memory.cost_tracking), 3, 'memory.cost_tracking.cost_tracking_select_own: Ann reads her own costs');
SELECT throws_ok($$INSERT INTO memory.cost_tracking (operation_type, operation_id, wallet_address, total_cost_lamports) VALUES ('mint', 'x', 'Ann11111111111111111111111111111111111111111', 1)$$,
                 '42501', NULL, 'memory.cost_tracking: an end user cannot record costs');
SELECT tests.act_as_wallet('Bob11111111111111111111111111111111111111111');
SELECT is((SELECT pg_catalog.count(*)::int FROM memory.cost_tracking), 1, 'memory.cost_tracking.cost_tracking_select_own: Bob reads his own cost');
SELECT tests.act_as_role('chain_readonly');
SELECT is((SELECT pg_catalog.count(*)::int FROM memory.cost_tracking), 5, 'memory.cost_tracking.cost_tracking_select_readonly: reporting reads every cost');
SELECT tests.reset_role();

SELECT * FROM finish();
ROLLBACK;
