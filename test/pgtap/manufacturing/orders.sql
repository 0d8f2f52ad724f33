-- pgTAP: manufacturing/orders — structure, constraints, privileges and RLS of manufacturing.orders.
BEGIN;
SELECT plan(90);

SELECT enum_has_labels('manufacturing', 'order_status', ARRAY['draft', 'submitted', 'in_production', 'quality_check', 'delivered', 'cancelled']::name[], 'manufacturing.order_status: labels draft, submitted, in_production, quality_check, delivered, cancelled');
SELECT ok(pg_catalog.obj_description('manufacturing.order_status'::regtype, 'pg_type') IS NOT NULL, 'manufacturing.order_status: has a comment');
-- structure (snapshot of the deployed catalog)
SELECT has_table('manufacturing', 'orders', 'manufacturing.orders: exists');
SELECT tests.table_conventions('manufacturing.orders');  -- 9: owner, comments, RLS forced, indexed FKs/policy columns, PUBLIC, backend access
SELECT columns_are('manufacturing', 'orders', ARRAY['id', 'customer_id', 'manufacturer_id', 'asset_id', 'title', 'specifications', 'quantity', 'total_amount', 'status', 'due_date', 'created_at', 'updated_at'], 'manufacturing.orders: exactly these columns');
SELECT col_type_is('manufacturing', 'orders', c, ty, 'manufacturing.orders.' || c || ': ' || ty)
  FROM (VALUES ('id', 'bigint'), ('customer_id', 'bigint'), ('manufacturer_id', 'bigint'), ('asset_id', 'bigint'), ('title', 'text'), ('specifications', 'jsonb'), ('quantity', 'integer'), ('total_amount', 'numeric(38,18)'), ('status', 'manufacturing.order_status'), ('due_date', 'date'), ('created_at', 'timestamp with time zone'), ('updated_at', 'timestamp with time zone')) AS v (c, ty);
SELECT col_not_null('manufacturing', 'orders', c, 'manufacturing.orders.' || c || ': not null') FROM pg_catalog.unnest(ARRAY['id', 'customer_id', 'title', 'specifications', 'quantity', 'total_amount', 'status', 'created_at', 'updated_at']::name[]) AS c;
SELECT col_is_null('manufacturing', 'orders', c, 'manufacturing.orders.' || c || ': nullable') FROM pg_catalog.unnest(ARRAY['manufacturer_id', 'asset_id', 'due_date']::name[]) AS c;
SELECT set_eq($$SELECT conname::text FROM pg_catalog.pg_constraint WHERE conrelid = 'manufacturing.orders'::regclass$$,
              ARRAY['orders_asset_id_fkey', 'orders_customer_id_fkey', 'orders_manufacturer_id_fkey', 'orders_manufacturer_not_customer', 'orders_pkey', 'orders_quantity_check', 'orders_specifications_check', 'orders_title_check', 'orders_total_amount_check'], 'manufacturing.orders: constraints ' || 'orders_asset_id_fkey, orders_customer_id_fkey, orders_manufacturer_id_fkey, orders_manufacturer_not_customer, orders_pkey, orders_quantity_check, orders_specifications_check, orders_title_check, orders_total_amount_check');
SELECT indexes_are('manufacturing', 'orders', ARRAY['orders_asset_id_idx', 'orders_customer_id_idx', 'orders_manufacturer_id_idx', 'orders_pkey', 'orders_status_idx']::name[], 'manufacturing.orders: indexes ' || 'orders_asset_id_idx, orders_customer_id_idx, orders_manufacturer_id_idx, orders_pkey, orders_status_idx');
SELECT is(pg_catalog.pg_get_indexdef('manufacturing.orders_asset_id_idx'::regclass), 'CREATE INDEX orders_asset_id_idx ON manufacturing.orders USING btree (asset_id)', 'manufacturing.orders.orders_asset_id_idx: definition');
SELECT is(pg_catalog.pg_get_indexdef('manufacturing.orders_customer_id_idx'::regclass), 'CREATE INDEX orders_customer_id_idx ON manufacturing.orders USING btree (customer_id)', 'manufacturing.orders.orders_customer_id_idx: definition');
SELECT is(pg_catalog.pg_get_indexdef('manufacturing.orders_manufacturer_id_idx'::regclass), 'CREATE INDEX orders_manufacturer_id_idx ON manufacturing.orders USING btree (manufacturer_id)', 'manufacturing.orders.orders_manufacturer_id_idx: definition');
SELECT is(pg_catalog.pg_get_indexdef('manufacturing.orders_pkey'::regclass), 'CREATE UNIQUE INDEX orders_pkey ON manufacturing.orders USING btree (id)', 'manufacturing.orders.orders_pkey: definition');
SELECT is(pg_catalog.pg_get_indexdef('manufacturing.orders_status_idx'::regclass), 'CREATE INDEX orders_status_idx ON manufacturing.orders USING btree (status)', 'manufacturing.orders.orders_status_idx: definition');
SELECT triggers_are('manufacturing', 'orders', ARRAY['orders_set_updated_at', 'orders_total_covers_milestones', 'orders_state_machine']::name[], 'manufacturing.orders: triggers ' || 'orders_set_updated_at, orders_total_covers_milestones (from manufacturing/milestones)');
SELECT tests.function_conventions('manufacturing.party_order_ids()');
SELECT function_privs_are('manufacturing', 'party_order_ids', ARRAY[]::name[], 'chain_user', ARRAY['EXECUTE'], 'manufacturing.party_order_ids(): chain_user may execute (its policies call it)');
SELECT trigger_is('manufacturing', 'orders', 'orders_set_updated_at', 'core', 'set_updated_at', 'manufacturing.orders.orders_set_updated_at: calls core.set_updated_at()');
SELECT policies_are('manufacturing', 'orders', ARRAY['orders_delete_app', 'orders_insert_app', 'orders_select_app', 'orders_select_party', 'orders_select_readonly', 'orders_update_app', 'orders_select_owner']::name[], 'manufacturing.orders: policies');
SELECT policy_cmd_is('manufacturing', 'orders', 'orders_delete_app'::name, 'delete', 'manufacturing.orders.orders_delete_app: FOR delete');
SELECT policy_roles_are('manufacturing', 'orders', 'orders_delete_app', ARRAY['chain_app']::name[], 'manufacturing.orders.orders_delete_app: TO chain_app');
SELECT policy_cmd_is('manufacturing', 'orders', 'orders_insert_app'::name, 'insert', 'manufacturing.orders.orders_insert_app: FOR insert');
SELECT policy_roles_are('manufacturing', 'orders', 'orders_insert_app', ARRAY['chain_app']::name[], 'manufacturing.orders.orders_insert_app: TO chain_app');
SELECT policy_cmd_is('manufacturing', 'orders', 'orders_select_app'::name, 'select', 'manufacturing.orders.orders_select_app: FOR select');
SELECT policy_roles_are('manufacturing', 'orders', 'orders_select_app', ARRAY['chain_app']::name[], 'manufacturing.orders.orders_select_app: TO chain_app');
SELECT policy_cmd_is('manufacturing', 'orders', 'orders_select_party'::name, 'select', 'manufacturing.orders.orders_select_party: FOR select');
SELECT policy_roles_are('manufacturing', 'orders', 'orders_select_party', ARRAY['chain_user']::name[], 'manufacturing.orders.orders_select_party: TO chain_user');
SELECT policy_cmd_is('manufacturing', 'orders', 'orders_select_readonly'::name, 'select', 'manufacturing.orders.orders_select_readonly: FOR select');
SELECT policy_roles_are('manufacturing', 'orders', 'orders_select_readonly', ARRAY['chain_readonly']::name[], 'manufacturing.orders.orders_select_readonly: TO chain_readonly');
SELECT policy_cmd_is('manufacturing', 'orders', 'orders_update_app'::name, 'update', 'manufacturing.orders.orders_update_app: FOR update');
SELECT policy_roles_are('manufacturing', 'orders', 'orders_update_app', ARRAY['chain_app']::name[], 'manufacturing.orders.orders_update_app: TO chain_app');
SELECT table_privs_are('manufacturing', 'orders', 'chain_app', ARRAY['DELETE', 'INSERT', 'SELECT', 'UPDATE'], 'manufacturing.orders: chain_app has DELETE, INSERT, SELECT, UPDATE');
SELECT table_privs_are('manufacturing', 'orders', 'chain_user', ARRAY['SELECT'], 'manufacturing.orders: chain_user has SELECT');
SELECT table_privs_are('manufacturing', 'orders', 'chain_readonly', ARRAY['SELECT'], 'manufacturing.orders: chain_readonly has SELECT');

-- fixture, inserted as the test's owner: three users
INSERT INTO core.users (id, wallet_address) OVERRIDING SYSTEM VALUE VALUES
    (1, '0x1111111111111111111111111111111111111111'),
    (2, '0x2222222222222222222222222222222222222222'),
    (3, '0x3333333333333333333333333333333333333333');
INSERT INTO manufacturing.orders (id, customer_id, manufacturer_id, title, quantity, total_amount, status) OVERRIDING SYSTEM VALUE VALUES
    (1, 1, 2, 'Custom gripper batch', 10, 100, 'in_production'),
    (2, 1, NULL, 'Draft arm', 1, 50, 'draft');

-- behaviour: constraints
SELECT throws_ok($$INSERT INTO manufacturing.orders (customer_id, title, quantity, total_amount) VALUES (1, 'x', 1, 0)$$,
                 '23514', NULL, 'manufacturing.orders.total_amount: rejects zero');
SELECT throws_ok($$INSERT INTO manufacturing.orders (customer_id, title, quantity, total_amount) VALUES (1, 'x', 1, -1)$$,
                 '23514', NULL, 'manufacturing.orders.total_amount: rejects a negative total');
SELECT throws_ok($$INSERT INTO manufacturing.orders (customer_id, title, quantity, total_amount) VALUES (1, 'x', 0, 1)$$,
                 '23514', NULL, 'manufacturing.orders.quantity: rejects zero');
SELECT throws_ok($$INSERT INTO manufacturing.orders (customer_id, title, quantity, total_amount) VALUES (1, '', 1, 1)$$,
                 '23514', NULL, 'manufacturing.orders.title: rejects an empty title');
SELECT throws_ok($$INSERT INTO manufacturing.orders (customer_id, manufacturer_id, title, quantity, total_amount) VALUES (1, 1, 'x', 1, 1)$$,
                 '23514', NULL, 'manufacturing.orders.orders_manufacturer_not_customer: rejects a self-manufactured order');
SELECT throws_ok($$INSERT INTO manufacturing.orders (customer_id, title, quantity, total_amount, specifications) VALUES (1, 'x', 1, 1, '"a"')$$,
                 '23514', NULL, 'manufacturing.orders.specifications: rejects a non-object');
SELECT throws_ok($$INSERT INTO manufacturing.orders (customer_id, title, quantity, total_amount, status) VALUES (1, 'x', 1, 1, 'shipped')$$,
                 '22P02', NULL, 'manufacturing.order_status: rejects an unknown status');
SELECT throws_ok($$INSERT INTO manufacturing.orders (customer_id, title, quantity, total_amount, asset_id) VALUES (1, 'x', 1, 1, 99)$$,
                 '23503', NULL, 'manufacturing.orders.orders_asset_id_fkey: rejects an unknown asset');
SELECT throws_ok($$INSERT INTO manufacturing.orders (customer_id, title, quantity, total_amount) VALUES (99, 'x', 1, 1)$$,
                 '23503', NULL, 'manufacturing.orders.orders_customer_id_fkey: rejects an unknown customer');
SELECT throws_ok($$INSERT INTO manufacturing.orders (customer_id, manufacturer_id, title, quantity, total_amount) VALUES (1, 99, 'x', 1, 1)$$,
                 '23503', NULL, 'manufacturing.orders.orders_manufacturer_id_fkey: rejects an unknown manufacturer');
UPDATE manufacturing.orders SET updated_at = '2000-01-01' WHERE id = 1;
SELECT is((SELECT updated_at FROM manufacturing.orders WHERE id = 1), pg_catalog.now(), 'manufacturing.orders.orders_set_updated_at: fires on update');

-- behaviour: RLS (customer and manufacturer)
SELECT tests.act_as(1);
SELECT results_eq($$SELECT id FROM manufacturing.orders ORDER BY id$$, ARRAY[1::bigint, 2], 'manufacturing.orders.orders_select_party: the customer sees its orders');
SELECT throws_ok($$INSERT INTO manufacturing.orders (customer_id, title, quantity, total_amount) VALUES (1, 'x', 1, 1)$$,
                 '42501', NULL, 'manufacturing.orders: chain_user cannot insert');
SELECT is(manufacturing.party_order_ids(), ARRAY[1::bigint, 2], 'manufacturing.party_order_ids(): the customer''s orders');
SELECT tests.act_as(2);
SELECT results_eq($$SELECT id FROM manufacturing.orders ORDER BY id$$, ARRAY[1::bigint], 'manufacturing.orders.orders_select_party: the manufacturer sees the order it makes');
SELECT is(manufacturing.party_order_ids(), ARRAY[1::bigint], 'manufacturing.party_order_ids(): the manufacturer''s orders');
SELECT tests.act_as(3);
SELECT is_empty($$SELECT 1 FROM manufacturing.orders$$, 'manufacturing.orders.orders_select_party: a third user sees none');
SELECT is(manufacturing.party_order_ids(), '{}'::bigint[], 'manufacturing.party_order_ids(): none for a third user');
SELECT tests.act_as_role('chain_readonly');
SELECT is((SELECT pg_catalog.count(*)::int FROM manufacturing.orders), 2, 'manufacturing.orders.orders_select_readonly: chain_readonly sees every order');
SELECT tests.act_as_role('chain_app');
SELECT is((SELECT pg_catalog.count(*)::int FROM manufacturing.orders), 2, 'manufacturing.orders.orders_select_app: chain_app sees every order');
SELECT lives_ok($$INSERT INTO manufacturing.orders (customer_id, title, quantity, total_amount) VALUES (3, 'x', 1, 1)$$, 'manufacturing.orders.orders_insert_app: the backend creates');
SELECT lives_ok($$UPDATE manufacturing.orders SET status = 'submitted' WHERE customer_id = 3$$, 'manufacturing.orders.orders_update_app: the backend updates');
SELECT lives_ok($$DELETE FROM manufacturing.orders WHERE customer_id = 3$$, 'manufacturing.orders.orders_delete_app: the backend deletes');
SELECT tests.reset_role();

SELECT * FROM finish();
ROLLBACK;
