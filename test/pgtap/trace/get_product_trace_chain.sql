-- pgTAP: trace/get_product_trace_chain — the chain in order with stakeholder role and wallet, for every reader.
BEGIN;
SELECT plan(23);

-- the project's conventions (docs/conventions.md)
SELECT tests.function_conventions('trace.get_product_trace_chain(bigint)');

-- structure (from the deployed catalog)
SELECT has_function('trace', 'get_product_trace_chain', ARRAY['bigint']::name[], 'trace.get_product_trace_chain(): exists');
SELECT function_owner_is('trace', 'get_product_trace_chain', ARRAY['bigint']::name[], 'chain_owner', 'trace.get_product_trace_chain(): owned by chain_owner');
SELECT is_definer('trace', 'get_product_trace_chain', ARRAY['bigint']::name[], 'trace.get_product_trace_chain(): SECURITY DEFINER');
SELECT volatility_is('trace', 'get_product_trace_chain', ARRAY['bigint']::name[], 'stable', 'trace.get_product_trace_chain(): stable');
SELECT is(pg_catalog.pg_get_function_result('trace.get_product_trace_chain(bigint)'::regprocedure), 'TABLE(sequence_order integer, checkpoint_id bigint, "timestamp" timestamp with time zone, location text, stakeholder_id bigint, stakeholder_role trace.stakeholder_role, stakeholder_wallet core.wallet_address, status trace.checkpoint_status, temperature numeric, humidity numeric, duration_hours numeric, additional_data jsonb)', 'trace.get_product_trace_chain(): returns ' || 'TABLE(sequence_order integer, checkpoint_id bigint, "timestamp" timestamp with time zone, location text, stakeholder_id bigint, stakeholder_role trace.stakeholder_role, stakeholder_wallet core.wallet_address, status trace.checkpoint_status, temperature numeric, humidity numeric, duration_hours numeric, additional_data jsonb)');
SELECT ok(pg_catalog.obj_description('trace.get_product_trace_chain(bigint)'::regprocedure, 'pg_proc') IS NOT NULL, 'trace.get_product_trace_chain(): has a comment');
SELECT ok((SELECT 'search_path=pg_catalog, pg_temp' = ANY (proconfig) FROM pg_catalog.pg_proc WHERE oid = 'trace.get_product_trace_chain(bigint)'::regprocedure), 'trace.get_product_trace_chain(): search_path pinned');
SELECT function_privs_are('trace', 'get_product_trace_chain', ARRAY['bigint']::name[], 'public', ARRAY[]::text[], 'trace.get_product_trace_chain(): public cannot execute');
SELECT function_privs_are('trace', 'get_product_trace_chain', ARRAY['bigint']::name[], 'chain_app', ARRAY['EXECUTE'], 'trace.get_product_trace_chain(): chain_app may execute');
SELECT function_privs_are('trace', 'get_product_trace_chain', ARRAY['bigint']::name[], 'chain_user', ARRAY['EXECUTE'], 'trace.get_product_trace_chain(): chain_user may execute');
SELECT function_privs_are('trace', 'get_product_trace_chain', ARRAY['bigint']::name[], 'chain_readonly', ARRAY['EXECUTE'], 'trace.get_product_trace_chain(): chain_readonly may execute');
SELECT function_privs_are('trace', 'get_product_trace_chain', ARRAY['bigint']::name[], 'chain_analytics', ARRAY[]::text[], 'trace.get_product_trace_chain(): chain_analytics cannot execute');

-- fixture, inserted as the test's owner: product 100 of user 1, user 2 its distributor; checkpoints out of order
INSERT INTO core.users (id, wallet_address) OVERRIDING SYSTEM VALUE VALUES
    (1, '0x1111111111111111111111111111111111111111'),
    (2, '0x2222222222222222222222222222222222222222'),
    (3, '0x3333333333333333333333333333333333333333');
INSERT INTO trace.products (product_id, product_name, product_type, manufacturer_id, batch_number, manufacture_date)
VALUES (100, 'Aspirin', 'pharmaceutical', 1, 'B-1', '2026-01-01');
INSERT INTO trace.stakeholders (id, product_id, user_id, role, added_by) OVERRIDING SYSTEM VALUE VALUES (50, 100, 2, 'distributor', 1);
INSERT INTO trace.checkpoints (product_id, "timestamp", location, stakeholder_id, status, temperature, humidity, additional_data) VALUES
    (100, '2026-01-03 00:00Z', 'Port', 50, 'shipped', 18, 50, '{"carrier": "rail"}');
INSERT INTO trace.checkpoints (product_id, "timestamp", location, stakeholder_id, status, temperature)
SELECT 100, '2026-01-01 00:00Z', 'Plant', id, 'manufactured', 21.5 FROM trace.stakeholders WHERE product_id = 100 AND role = 'manufacturer';
INSERT INTO trace.checkpoints (product_id, "timestamp", location, stakeholder_id, status)
SELECT 100, '2026-01-02 12:00Z', 'QA', id, 'quality_checked' FROM trace.stakeholders WHERE product_id = 100 AND role = 'manufacturer';

-- behaviour
SELECT results_eq($$SELECT sequence_order, location, stakeholder_role::text, stakeholder_wallet::text, status::text, duration_hours FROM trace.get_product_trace_chain(100)$$,
                  $$VALUES (1, 'Plant', 'manufacturer', '0x1111111111111111111111111111111111111111', 'manufactured', NULL::numeric),
                           (2, 'QA', 'manufacturer', '0x1111111111111111111111111111111111111111', 'quality_checked', 36.00),
                           (3, 'Port', 'distributor', '0x2222222222222222222222222222222222222222', 'shipped', 12.00)$$,
                  'trace.get_product_trace_chain(): checkpoints inserted out of order come back in time order with role and wallet');
SELECT results_eq($$SELECT "timestamp", temperature, humidity, additional_data FROM trace.get_product_trace_chain(100) WHERE sequence_order = 3$$,
                  $$VALUES ('2026-01-03 00:00Z'::timestamptz, 18.00::numeric, 50.00::numeric, '{"carrier": "rail"}'::jsonb)$$,
                  'trace.get_product_trace_chain(): the checkpoint''s time and environmental data');
SELECT is((SELECT stakeholder_id FROM trace.get_product_trace_chain(100) WHERE sequence_order = 3), 50::bigint, 'trace.get_product_trace_chain(): the recording stakeholder''s id');
SELECT is_empty($$SELECT * FROM trace.get_product_trace_chain(999)$$, 'trace.get_product_trace_chain(): empty for an unknown product');
SELECT tests.act_as(3);
SELECT is((SELECT pg_catalog.count(stakeholder_wallet)::int FROM trace.get_product_trace_chain(100)), 3,
          'trace.get_product_trace_chain(): an end user sees the whole public chain, wallets of other users included');
SELECT tests.act_as_role('chain_readonly');
SELECT is((SELECT pg_catalog.count(*)::int FROM trace.get_product_trace_chain(100)), 3, 'trace.get_product_trace_chain(): reporting reads it');
SELECT tests.act_as_role('chain_analytics');
SELECT throws_ok($$SELECT * FROM trace.get_product_trace_chain(100)$$, '42501', NULL, 'trace.get_product_trace_chain(): not granted to chain_analytics');
SELECT tests.reset_role();

SELECT * FROM finish();
ROLLBACK;
