-- pgTAP: manufacturing/order_progress — manufacturing.order_progress(): completed and paid fractions.
BEGIN;
SELECT plan(16);

SELECT has_function('manufacturing', 'order_progress', ARRAY['bigint']::name[], 'manufacturing.order_progress(): exists');
SELECT isnt_definer('manufacturing', 'order_progress', ARRAY['bigint']::name[], 'manufacturing.order_progress(): SECURITY INVOKER');
SELECT volatility_is('manufacturing', 'order_progress', ARRAY['bigint']::name[], 'stable', 'manufacturing.order_progress(): stable');
SELECT tests.function_conventions('manufacturing.order_progress(bigint)');  -- 4: owner, comment, no EXECUTE for PUBLIC, SECURITY DEFINER search_path
SELECT ok((SELECT 'search_path=pg_catalog, pg_temp' = ANY (proconfig) FROM pg_catalog.pg_proc WHERE oid = 'manufacturing.order_progress(bigint)'::regprocedure), 'manufacturing.order_progress(): search_path pinned');
SELECT function_privs_are('manufacturing', 'order_progress', ARRAY['bigint']::name[], 'chain_app', ARRAY['EXECUTE'], 'manufacturing.order_progress(): chain_app may execute');
SELECT function_privs_are('manufacturing', 'order_progress', ARRAY['bigint']::name[], 'chain_user', ARRAY['EXECUTE'], 'manufacturing.order_progress(): chain_user may execute');
SELECT function_privs_are('manufacturing', 'order_progress', ARRAY['bigint']::name[], 'chain_readonly', ARRAY['EXECUTE'], 'manufacturing.order_progress(): chain_readonly may execute');

-- fixture, inserted as the test's owner: three users
INSERT INTO core.users (id, wallet_address) OVERRIDING SYSTEM VALUE VALUES
    (1, '0x1111111111111111111111111111111111111111'),
    (2, '0x2222222222222222222222222222222222222222'),
    (3, '0x3333333333333333333333333333333333333333');
INSERT INTO manufacturing.orders (id, customer_id, manufacturer_id, title, quantity, total_amount, status) OVERRIDING SYSTEM VALUE VALUES
    (1, 1, 2, 'Custom gripper batch', 10, 100, 'in_production'),
    (2, 1, NULL, 'Draft arm', 1, 50, 'draft');

INSERT INTO manufacturing.milestones (order_id, sequence_no, title, amount, status, paid_at) VALUES
    (1, 1, 'Design', 25, 'paid', pg_catalog.now()),
    (1, 2, 'Prototype', 25, 'completed', NULL),
    (1, 3, 'Batch', 25, 'in_progress', NULL),
    (1, 4, 'Delivery', 25, 'pending', NULL);

-- behaviour
SELECT results_eq($$SELECT order_id, status::text, milestones_total, milestones_completed, completed_fraction, paid_amount, paid_fraction
                      FROM manufacturing.order_progress(1)$$,
                  $$VALUES (1::bigint, 'in_production', 4, 2, 0.5::numeric, 25::numeric, 0.25::numeric)$$,
                  'manufacturing.order_progress(): completed (completed or paid) and paid fractions');
SELECT results_eq($$SELECT milestones_total, completed_fraction, paid_fraction FROM manufacturing.order_progress(2)$$,
                  $$VALUES (0, 0::numeric, 0::numeric)$$, 'manufacturing.order_progress(): an order without milestones is at zero');
SELECT is_empty($$SELECT 1 FROM manufacturing.order_progress(99)$$, 'manufacturing.order_progress(): no row for an unknown order');
SELECT tests.act_as(1);
SELECT is((SELECT paid_fraction FROM manufacturing.order_progress(1)), 0.25::numeric, 'manufacturing.order_progress(): the customer reads it');
SELECT tests.act_as(3);
SELECT is_empty($$SELECT 1 FROM manufacturing.order_progress(1)$$, 'manufacturing.order_progress(): a third user gets nothing (RLS)');
SELECT tests.reset_role();

SELECT * FROM finish();
ROLLBACK;
