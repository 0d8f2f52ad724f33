-- pgTAP: manufacturing/milestones — manufacturing.milestones: amounts never above the order total.
BEGIN;
SELECT plan(101);

SELECT enum_has_labels('manufacturing', 'milestone_status', ARRAY['pending', 'in_progress', 'completed', 'paid']::name[], 'manufacturing.milestone_status: labels pending, in_progress, completed, paid');
SELECT ok(pg_catalog.obj_description('manufacturing.milestone_status'::regtype, 'pg_type') IS NOT NULL, 'manufacturing.milestone_status: has a comment');
-- structure (snapshot of the deployed catalog)
SELECT has_table('manufacturing', 'milestones', 'manufacturing.milestones: exists');
SELECT tests.table_conventions('manufacturing.milestones');  -- 9: owner, comments, RLS forced, indexed FKs/policy columns, PUBLIC, backend access
SELECT columns_are('manufacturing', 'milestones', ARRAY['id', 'order_id', 'sequence_no', 'title', 'amount', 'status', 'due_date', 'completed_at', 'paid_at', 'created_at', 'updated_at'], 'manufacturing.milestones: exactly these columns');
SELECT col_type_is('manufacturing', 'milestones', c, ty, 'manufacturing.milestones.' || c || ': ' || ty)
  FROM (VALUES ('id', 'bigint'), ('order_id', 'bigint'), ('sequence_no', 'integer'), ('title', 'text'), ('amount', 'numeric(38,18)'), ('status', 'manufacturing.milestone_status'), ('due_date', 'date'), ('completed_at', 'timestamp with time zone'), ('paid_at', 'timestamp with time zone'), ('created_at', 'timestamp with time zone'), ('updated_at', 'timestamp with time zone')) AS v (c, ty);
SELECT col_not_null('manufacturing', 'milestones', c, 'manufacturing.milestones.' || c || ': not null') FROM pg_catalog.unnest(ARRAY['id', 'order_id', 'sequence_no', 'title', 'amount', 'status', 'created_at', 'updated_at']::name[]) AS c;
SELECT col_is_null('manufacturing', 'milestones', c, 'manufacturing.milestones.' || c || ': nullable') FROM pg_catalog.unnest(ARRAY['due_date', 'completed_at', 'paid_at']::name[]) AS c;
SELECT set_eq($$SELECT conname::text FROM pg_catalog.pg_constraint WHERE conrelid = 'manufacturing.milestones'::regclass$$,
              ARRAY['milestones_amount_check', 'milestones_order_id_fkey', 'milestones_order_id_sequence_no_key', 'milestones_paid_has_time', 'milestones_pkey', 'milestones_sequence_no_check', 'milestones_title_check'], 'manufacturing.milestones: constraints ' || 'milestones_amount_check, milestones_order_id_fkey, milestones_order_id_sequence_no_key, milestones_paid_has_time, milestones_pkey, milestones_sequence_no_check, milestones_title_check');
SELECT indexes_are('manufacturing', 'milestones', ARRAY['milestones_order_id_sequence_no_key', 'milestones_pkey']::name[], 'manufacturing.milestones: indexes ' || 'milestones_order_id_sequence_no_key, milestones_pkey');
SELECT is(pg_catalog.pg_get_indexdef('manufacturing.milestones_order_id_sequence_no_key'::regclass), 'CREATE UNIQUE INDEX milestones_order_id_sequence_no_key ON manufacturing.milestones USING btree (order_id, sequence_no)', 'manufacturing.milestones.milestones_order_id_sequence_no_key: definition');
SELECT is(pg_catalog.pg_get_indexdef('manufacturing.milestones_pkey'::regclass), 'CREATE UNIQUE INDEX milestones_pkey ON manufacturing.milestones USING btree (id)', 'manufacturing.milestones.milestones_pkey: definition');
SELECT triggers_are('manufacturing', 'milestones', ARRAY['milestones_set_updated_at', 'milestones_within_total', 'milestones_state_machine']::name[], 'manufacturing.milestones: triggers ' || 'milestones_set_updated_at, milestones_within_total');
SELECT trigger_is('manufacturing', 'milestones', 'milestones_set_updated_at', 'core', 'set_updated_at', 'manufacturing.milestones.milestones_set_updated_at: calls core.set_updated_at()');
SELECT trigger_is('manufacturing', 'milestones', 'milestones_within_total', 'manufacturing', 'check_milestone_total', 'manufacturing.milestones.milestones_within_total: calls manufacturing.check_milestone_total()');
SELECT policies_are('manufacturing', 'milestones', ARRAY['milestones_delete_app', 'milestones_insert_app', 'milestones_select_app', 'milestones_select_party', 'milestones_select_owner', 'milestones_select_readonly', 'milestones_update_app']::name[], 'manufacturing.milestones: policies');
SELECT policy_roles_are('manufacturing', 'milestones', 'milestones_select_owner', ARRAY['chain_owner']::name[], 'manufacturing.milestones.milestones_select_owner: TO chain_owner (the order-total trigger)');
SELECT tests.function_conventions('manufacturing.check_order_total()');
SELECT trigger_is('manufacturing', 'orders', 'orders_total_covers_milestones', 'manufacturing', 'check_order_total', 'manufacturing.orders.orders_total_covers_milestones: calls manufacturing.check_order_total()');
SELECT policy_cmd_is('manufacturing', 'milestones', 'milestones_delete_app'::name, 'delete', 'manufacturing.milestones.milestones_delete_app: FOR delete');
SELECT policy_roles_are('manufacturing', 'milestones', 'milestones_delete_app', ARRAY['chain_app']::name[], 'manufacturing.milestones.milestones_delete_app: TO chain_app');
SELECT policy_cmd_is('manufacturing', 'milestones', 'milestones_insert_app'::name, 'insert', 'manufacturing.milestones.milestones_insert_app: FOR insert');
SELECT policy_roles_are('manufacturing', 'milestones', 'milestones_insert_app', ARRAY['chain_app']::name[], 'manufacturing.milestones.milestones_insert_app: TO chain_app');
SELECT policy_cmd_is('manufacturing', 'milestones', 'milestones_select_app'::name, 'select', 'manufacturing.milestones.milestones_select_app: FOR select');
SELECT policy_roles_are('manufacturing', 'milestones', 'milestones_select_app', ARRAY['chain_app']::name[], 'manufacturing.milestones.milestones_select_app: TO chain_app');
SELECT policy_cmd_is('manufacturing', 'milestones', 'milestones_select_party'::name, 'select', 'manufacturing.milestones.milestones_select_party: FOR select');
SELECT policy_roles_are('manufacturing', 'milestones', 'milestones_select_party', ARRAY['chain_user']::name[], 'manufacturing.milestones.milestones_select_party: TO chain_user');
SELECT policy_cmd_is('manufacturing', 'milestones', 'milestones_select_readonly'::name, 'select', 'manufacturing.milestones.milestones_select_readonly: FOR select');
SELECT policy_roles_are('manufacturing', 'milestones', 'milestones_select_readonly', ARRAY['chain_readonly']::name[], 'manufacturing.milestones.milestones_select_readonly: TO chain_readonly');
SELECT policy_cmd_is('manufacturing', 'milestones', 'milestones_update_app'::name, 'update', 'manufacturing.milestones.milestones_update_app: FOR update');
SELECT policy_roles_are('manufacturing', 'milestones', 'milestones_update_app', ARRAY['chain_app']::name[], 'manufacturing.milestones.milestones_update_app: TO chain_app');
SELECT table_privs_are('manufacturing', 'milestones', 'chain_app', ARRAY['DELETE', 'INSERT', 'SELECT', 'UPDATE'], 'manufacturing.milestones: chain_app has DELETE, INSERT, SELECT, UPDATE');
SELECT table_privs_are('manufacturing', 'milestones', 'chain_user', ARRAY['SELECT'], 'manufacturing.milestones: chain_user has SELECT');
SELECT table_privs_are('manufacturing', 'milestones', 'chain_readonly', ARRAY['SELECT'], 'manufacturing.milestones: chain_readonly has SELECT');
SELECT has_function('manufacturing', 'check_milestone_total', ARRAY[]::text[]::name[], 'manufacturing.check_milestone_total(): exists');
SELECT isnt_definer('manufacturing', 'check_milestone_total', ARRAY[]::text[]::name[], 'manufacturing.check_milestone_total(): SECURITY INVOKER');
SELECT volatility_is('manufacturing', 'check_milestone_total', ARRAY[]::text[]::name[], 'volatile', 'manufacturing.check_milestone_total(): volatile');
SELECT tests.function_conventions('manufacturing.check_milestone_total()');  -- 4: owner, comment, no EXECUTE for PUBLIC, SECURITY DEFINER search_path
SELECT ok((SELECT 'search_path=pg_catalog, pg_temp' = ANY (proconfig) FROM pg_catalog.pg_proc WHERE oid = 'manufacturing.check_milestone_total()'::regprocedure), 'manufacturing.check_milestone_total(): search_path pinned');

-- fixture, inserted as the test's owner: three users
INSERT INTO core.users (id, wallet_address) OVERRIDING SYSTEM VALUE VALUES
    (1, '0x1111111111111111111111111111111111111111'),
    (2, '0x2222222222222222222222222222222222222222'),
    (3, '0x3333333333333333333333333333333333333333');
INSERT INTO manufacturing.orders (id, customer_id, manufacturer_id, title, quantity, total_amount, status) OVERRIDING SYSTEM VALUE VALUES
    (1, 1, 2, 'Custom gripper batch', 10, 100, 'in_production'),
    (2, 1, NULL, 'Draft arm', 1, 50, 'draft');

INSERT INTO manufacturing.milestones (order_id, sequence_no, title, amount) VALUES (1, 1, 'Design', 40), (1, 2, 'Prototype', 30);

-- behaviour: the order total is never exceeded (milestones_within_total, 23514)
SELECT throws_ok($$INSERT INTO manufacturing.milestones (order_id, sequence_no, title, amount) VALUES (1, 3, 'Batch', 30.01)$$,
                 '23514', NULL, 'manufacturing.milestones.milestones_within_total: rejects a milestone sum over the order total');
SELECT lives_ok($$INSERT INTO manufacturing.milestones (order_id, sequence_no, title, amount) VALUES (1, 3, 'Batch', 30)$$,
                'manufacturing.check_milestone_total(): accepts a sum equal to the total');
SELECT throws_ok($$UPDATE manufacturing.milestones SET amount = 41 WHERE order_id = 1 AND sequence_no = 1$$,
                 '23514', NULL, 'manufacturing.check_milestone_total(): rejects an update that overshoots');
SELECT throws_ok($$INSERT INTO manufacturing.milestones (order_id, sequence_no, title, amount) VALUES (2, 1, 'a', 30), (2, 2, 'b', 30)$$,
                 '23514', NULL, 'manufacturing.check_milestone_total(): counts rows of the same statement');
SELECT lives_ok($$UPDATE manufacturing.milestones SET amount = 40 WHERE order_id = 1 AND sequence_no = 1$$,
                'manufacturing.check_milestone_total(): an update does not count the row twice');
SELECT throws_ok($$INSERT INTO manufacturing.milestones (order_id, sequence_no, title, amount) VALUES (2, 1, 'a', 0)$$,
                 '23514', NULL, 'manufacturing.milestones.amount: rejects zero');
SELECT throws_ok($$INSERT INTO manufacturing.milestones (order_id, sequence_no, title, amount) VALUES (2, 1, 'a', -5)$$,
                 '23514', NULL, 'manufacturing.milestones.amount: rejects a negative amount');
SELECT throws_ok($$INSERT INTO manufacturing.milestones (order_id, sequence_no, title, amount) VALUES (2, 0, 'a', 5)$$,
                 '23514', NULL, 'manufacturing.milestones.sequence_no: rejects zero');
SELECT throws_ok($$INSERT INTO manufacturing.milestones (order_id, sequence_no, title, amount) VALUES (2, 1, '', 5)$$,
                 '23514', NULL, 'manufacturing.milestones.title: rejects an empty title');
SELECT throws_ok($$INSERT INTO manufacturing.milestones (order_id, sequence_no, title, amount) VALUES (2, 1, 'a', 5), (2, 1, 'b', 5)$$,
                 '23505', NULL, 'manufacturing.milestones.milestones_order_id_sequence_no_key: rejects a duplicate position');
SELECT throws_ok($$INSERT INTO manufacturing.milestones (order_id, sequence_no, title, amount, status) VALUES (2, 1, 'a', 5, 'paid')$$,
                 '23514', NULL, 'manufacturing.milestones.milestones_paid_has_time: rejects paid without paid_at');
SELECT throws_ok($$INSERT INTO manufacturing.milestones (order_id, sequence_no, title, amount, status) VALUES (2, 1, 'a', 5, 'late')$$,
                 '22P02', NULL, 'manufacturing.milestone_status: rejects an unknown status');
SELECT throws_ok($$INSERT INTO manufacturing.milestones (order_id, sequence_no, title, amount) VALUES (99, 1, 'a', 5)$$,
                 '23503', NULL, 'manufacturing.milestones.milestones_order_id_fkey: rejects an unknown order');
SELECT ok((SELECT pg_catalog.pg_get_functiondef('manufacturing.check_milestone_total()'::regprocedure) ~ 'FOR NO KEY UPDATE'),
          'manufacturing.check_milestone_total(): locks the parent order row');
UPDATE manufacturing.milestones SET updated_at = '2000-01-01', status = 'in_progress', due_date = '2026-12-01'
 WHERE order_id = 1 AND sequence_no = 1;
SELECT is((SELECT updated_at FROM manufacturing.milestones WHERE order_id = 1 AND sequence_no = 1), pg_catalog.now(),
          'manufacturing.milestones.milestones_set_updated_at: fires on update');

-- behaviour: RLS (through manufacturing.orders' policies)
SELECT tests.act_as(2);
SELECT is((SELECT pg_catalog.count(*)::int FROM manufacturing.milestones), 3, 'manufacturing.milestones.milestones_select_party: the manufacturer sees the order''s milestones');
SELECT throws_ok($$UPDATE manufacturing.milestones SET status = 'paid'$$, '42501', NULL, 'manufacturing.milestones: chain_user cannot update');
SELECT tests.act_as(3);
SELECT is_empty($$SELECT 1 FROM manufacturing.milestones$$, 'manufacturing.milestones.milestones_select_party: a third user sees none');
SELECT tests.act_as_role('chain_readonly');
SELECT is((SELECT pg_catalog.count(*)::int FROM manufacturing.milestones), 3, 'manufacturing.milestones.milestones_select_readonly: chain_readonly sees every milestone');
SELECT tests.act_as_role('chain_app');
SELECT is((SELECT pg_catalog.count(*)::int FROM manufacturing.milestones), 3, 'manufacturing.milestones.milestones_select_app: chain_app sees every milestone');
SELECT lives_ok($$INSERT INTO manufacturing.milestones (order_id, sequence_no, title, amount) VALUES (2, 1, 'a', 50)$$,
                'manufacturing.milestones.milestones_insert_app: the backend plans (and the order lock works as chain_app)');
SELECT lives_ok($$UPDATE manufacturing.milestones SET status = 'in_progress' WHERE order_id = 2$$, 'manufacturing.milestones.milestones_update_app: the backend updates');
SELECT lives_ok($$DELETE FROM manufacturing.milestones WHERE order_id = 2$$, 'manufacturing.milestones.milestones_delete_app: the backend deletes');
SELECT tests.reset_role();

-- behaviour: the order total never drops under its milestones (orders_total_covers_milestones;
-- the concurrent case is test/python/test_construct_rules.py)
SELECT throws_ok($$UPDATE manufacturing.orders SET total_amount = 99.99 WHERE id = 1$$, '23514', NULL,
                 'manufacturing.check_order_total(): rejects lowering an order total under the sum of its milestones');
SELECT lives_ok($$UPDATE manufacturing.orders SET total_amount = 100 WHERE id = 1$$,
                'manufacturing.check_order_total(): accepts a total equal to the sum');
SELECT lives_ok($$UPDATE manufacturing.orders SET total_amount = 150 WHERE id = 1$$,
                'manufacturing.orders.orders_total_covers_milestones: accepts raising the total');
SELECT tests.act_as_role('chain_app');
SELECT throws_ok($$UPDATE manufacturing.orders SET total_amount = 1 WHERE id = 1$$, '23514', NULL,
                 'manufacturing.orders.orders_total_covers_milestones: the backend cannot lower it either');
SELECT tests.reset_role();

-- behaviour: the party policy stays index-served on 100k milestones (no scan of the table)
SET LOCAL session_replication_role = replica;   -- bulk fixture: no triggers, no FK checks
INSERT INTO manufacturing.orders (id, customer_id, manufacturer_id, title, quantity, total_amount, status) OVERRIDING SYSTEM VALUE
SELECT 1000 + g, 10000 + g % 5000, 20000 + g % 1000, 'bulk', 1, 1000, 'in_production' FROM pg_catalog.generate_series(1, 25000) AS g;
INSERT INTO manufacturing.milestones (order_id, sequence_no, title, amount)
SELECT 1000 + g, s, 'bulk', 1 FROM pg_catalog.generate_series(1, 25000) AS g, pg_catalog.generate_series(1, 4) AS s;
SET LOCAL session_replication_role = origin;
ANALYZE manufacturing.orders;
ANALYZE manufacturing.milestones;
SELECT tests.act_as(3);
SELECT tests.uses_index($$SELECT * FROM manufacturing.milestones$$, 'manufacturing.milestones_order_id_sequence_no_key',
                        'manufacturing.milestones.milestones_select_party: index-served for an end user (100k milestones)');
SELECT tests.act_as(1);
SELECT tests.uses_index($$SELECT * FROM manufacturing.milestones WHERE order_id = 1$$, 'manufacturing.milestones_order_id_sequence_no_key',
                        'manufacturing.milestones.milestones_select_party: one order''s milestones, index-served for its customer');
SELECT tests.reset_role();

SELECT * FROM finish();
ROLLBACK;
