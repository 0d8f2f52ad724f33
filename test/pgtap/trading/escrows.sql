-- pgTAP: trading/escrows — trading.escrows, its state machine trigger trading.escrow_transition() and enum trading.escrow_status.
BEGIN;
SELECT plan(107);

SELECT enum_has_labels('trading', 'escrow_status', ARRAY['funded', 'released', 'refunded', 'disputed', 'resolved_released', 'resolved_refunded']::name[], 'trading.escrow_status: labels funded, released, refunded, disputed, resolved_released, resolved_refunded');
SELECT ok(pg_catalog.obj_description('trading.escrow_status'::regtype, 'pg_type') IS NOT NULL, 'trading.escrow_status: has a comment');
-- structure (snapshot of the deployed catalog)
SELECT has_table('trading', 'escrows', 'trading.escrows: exists');
SELECT tests.table_conventions('trading.escrows');  -- 9: owner, comments, RLS forced, indexed FKs/policy columns, PUBLIC, backend access
SELECT columns_are('trading', 'escrows', ARRAY['id', 'order_id', 'buyer_id', 'seller_id', 'amount', 'status', 'dispute_reason', 'created_at', 'updated_at', 'settled_at'], 'trading.escrows: exactly these columns');
SELECT col_type_is('trading', 'escrows', c, ty, 'trading.escrows.' || c || ': ' || ty)
  FROM (VALUES ('id', 'bigint'), ('order_id', 'bigint'), ('buyer_id', 'bigint'), ('seller_id', 'bigint'), ('amount', 'numeric(38,18)'), ('status', 'trading.escrow_status'), ('dispute_reason', 'text'), ('created_at', 'timestamp with time zone'), ('updated_at', 'timestamp with time zone'), ('settled_at', 'timestamp with time zone')) AS v (c, ty);
SELECT col_not_null('trading', 'escrows', c, 'trading.escrows.' || c || ': not null') FROM pg_catalog.unnest(ARRAY['id', 'order_id', 'buyer_id', 'seller_id', 'amount', 'status', 'created_at', 'updated_at']::name[]) AS c;
SELECT col_is_null('trading', 'escrows', c, 'trading.escrows.' || c || ': nullable') FROM pg_catalog.unnest(ARRAY['dispute_reason', 'settled_at']::name[]) AS c;
SELECT set_eq($$SELECT conname::text FROM pg_catalog.pg_constraint WHERE conrelid = 'trading.escrows'::regclass$$,
              ARRAY['escrows_amount_check', 'escrows_buyer_id_fkey', 'escrows_dispute_reason_check', 'escrows_distinct_parties', 'escrows_order_id_fkey', 'escrows_pkey', 'escrows_seller_id_fkey'], 'trading.escrows: constraints ' || 'escrows_amount_check, escrows_buyer_id_fkey, escrows_dispute_reason_check, escrows_distinct_parties, escrows_order_id_fkey, escrows_pkey, escrows_seller_id_fkey');
SELECT indexes_are('trading', 'escrows', ARRAY['escrows_buyer_id_idx', 'escrows_order_id_idx', 'escrows_pkey', 'escrows_seller_id_idx', 'escrows_status_created_at_idx']::name[], 'trading.escrows: indexes ' || 'escrows_buyer_id_idx, escrows_order_id_idx, escrows_pkey, escrows_seller_id_idx, escrows_status_created_at_idx');
SELECT is(pg_catalog.pg_get_indexdef('trading.escrows_buyer_id_idx'::regclass), 'CREATE INDEX escrows_buyer_id_idx ON trading.escrows USING btree (buyer_id)', 'trading.escrows.escrows_buyer_id_idx: definition');
SELECT is(pg_catalog.pg_get_indexdef('trading.escrows_order_id_idx'::regclass), 'CREATE INDEX escrows_order_id_idx ON trading.escrows USING btree (order_id)', 'trading.escrows.escrows_order_id_idx: definition');
SELECT is(pg_catalog.pg_get_indexdef('trading.escrows_pkey'::regclass), 'CREATE UNIQUE INDEX escrows_pkey ON trading.escrows USING btree (id)', 'trading.escrows.escrows_pkey: definition');
SELECT is(pg_catalog.pg_get_indexdef('trading.escrows_seller_id_idx'::regclass), 'CREATE INDEX escrows_seller_id_idx ON trading.escrows USING btree (seller_id)', 'trading.escrows.escrows_seller_id_idx: definition');
SELECT is(pg_catalog.pg_get_indexdef('trading.escrows_status_created_at_idx'::regclass), 'CREATE INDEX escrows_status_created_at_idx ON trading.escrows USING btree (status, created_at)', 'trading.escrows.escrows_status_created_at_idx: definition');
SELECT triggers_are('trading', 'escrows', ARRAY['audit_capture', 'audit_capture_truncate', 'escrows_set_updated_at', 'escrows_transition', 'escrows_state_machine']::name[], 'trading.escrows: triggers ' || 'audit_capture, audit_capture_truncate, escrows_set_updated_at, escrows_transition');
SELECT trigger_is('trading', 'escrows', 'audit_capture', 'audit', 'capture', 'trading.escrows.audit_capture: calls audit.capture()');
SELECT trigger_is('trading', 'escrows', 'audit_capture_truncate', 'audit', 'capture_statement', 'trading.escrows.audit_capture_truncate: calls audit.capture_statement()');
SELECT trigger_is('trading', 'escrows', 'escrows_set_updated_at', 'core', 'set_updated_at', 'trading.escrows.escrows_set_updated_at: calls core.set_updated_at()');
SELECT trigger_is('trading', 'escrows', 'escrows_transition', 'trading', 'escrow_transition', 'trading.escrows.escrows_transition: calls trading.escrow_transition()');
SELECT policies_are('trading', 'escrows', ARRAY['escrows_delete_app', 'escrows_insert_app', 'escrows_select_app', 'escrows_select_party', 'escrows_select_readonly', 'escrows_update_app', 'escrows_update_party', 'escrows_select_owner']::name[], 'trading.escrows: policies');
SELECT policy_cmd_is('trading', 'escrows', 'escrows_delete_app'::name, 'delete', 'trading.escrows.escrows_delete_app: FOR delete');
SELECT policy_roles_are('trading', 'escrows', 'escrows_delete_app', ARRAY['chain_app']::name[], 'trading.escrows.escrows_delete_app: TO chain_app');
SELECT policy_cmd_is('trading', 'escrows', 'escrows_insert_app'::name, 'insert', 'trading.escrows.escrows_insert_app: FOR insert');
SELECT policy_roles_are('trading', 'escrows', 'escrows_insert_app', ARRAY['chain_app']::name[], 'trading.escrows.escrows_insert_app: TO chain_app');
SELECT policy_cmd_is('trading', 'escrows', 'escrows_select_app'::name, 'select', 'trading.escrows.escrows_select_app: FOR select');
SELECT policy_roles_are('trading', 'escrows', 'escrows_select_app', ARRAY['chain_app']::name[], 'trading.escrows.escrows_select_app: TO chain_app');
SELECT policy_cmd_is('trading', 'escrows', 'escrows_select_party'::name, 'select', 'trading.escrows.escrows_select_party: FOR select');
SELECT policy_roles_are('trading', 'escrows', 'escrows_select_party', ARRAY['chain_user']::name[], 'trading.escrows.escrows_select_party: TO chain_user');
SELECT policy_cmd_is('trading', 'escrows', 'escrows_select_readonly'::name, 'select', 'trading.escrows.escrows_select_readonly: FOR select');
SELECT policy_roles_are('trading', 'escrows', 'escrows_select_readonly', ARRAY['chain_readonly']::name[], 'trading.escrows.escrows_select_readonly: TO chain_readonly');
SELECT policy_cmd_is('trading', 'escrows', 'escrows_update_app'::name, 'update', 'trading.escrows.escrows_update_app: FOR update');
SELECT policy_roles_are('trading', 'escrows', 'escrows_update_app', ARRAY['chain_app']::name[], 'trading.escrows.escrows_update_app: TO chain_app');
SELECT policy_cmd_is('trading', 'escrows', 'escrows_update_party'::name, 'update', 'trading.escrows.escrows_update_party: FOR update');
SELECT policy_roles_are('trading', 'escrows', 'escrows_update_party', ARRAY['chain_user']::name[], 'trading.escrows.escrows_update_party: TO chain_user');
SELECT table_privs_are('trading', 'escrows', 'chain_app', ARRAY['DELETE', 'INSERT', 'SELECT', 'UPDATE'], 'trading.escrows: chain_app has DELETE, INSERT, SELECT, UPDATE');
SELECT table_privs_are('trading', 'escrows', 'chain_user', ARRAY['SELECT'], 'trading.escrows: chain_user has SELECT');
SELECT table_privs_are('trading', 'escrows', 'chain_readonly', ARRAY['SELECT'], 'trading.escrows: chain_readonly has SELECT');
SELECT has_function('trading', 'escrow_transition', ARRAY[]::text[]::name[], 'trading.escrow_transition(): exists');
SELECT isnt_definer('trading', 'escrow_transition', ARRAY[]::text[]::name[], 'trading.escrow_transition(): SECURITY INVOKER');
SELECT volatility_is('trading', 'escrow_transition', ARRAY[]::text[]::name[], 'volatile', 'trading.escrow_transition(): volatile');
SELECT tests.function_conventions('trading.escrow_transition()');  -- 4: owner, comment, no EXECUTE for PUBLIC, SECURITY DEFINER search_path
SELECT ok((SELECT 'search_path=pg_catalog, pg_temp' = ANY (proconfig) FROM pg_catalog.pg_proc WHERE oid = 'trading.escrow_transition()'::regprocedure), 'trading.escrow_transition(): search_path pinned');

-- fixture, inserted as the test's owner: three users
INSERT INTO core.users (id, wallet_address) OVERRIDING SYSTEM VALUE VALUES
    (1, '0x1111111111111111111111111111111111111111'),
    (2, '0x2222222222222222222222222222222222222222'),
    (3, '0x3333333333333333333333333333333333333333');

INSERT INTO blockchain.assets (id, issuer_id, asset_type, name, symbol, total_supply) OVERRIDING SYSTEM VALUE VALUES
    (1, 1, 'actuator', 'Servo Motor X1', 'SRVX1', 1000);
INSERT INTO trading.orders (id, user_id, asset_id, side, price, quantity) OVERRIDING SYSTEM VALUE VALUES (1, 1, 1, 'buy', 10, 5);
INSERT INTO trading.escrows (id, order_id, buyer_id, seller_id, amount) OVERRIDING SYSTEM VALUE VALUES
    (1, 1, 1, 2, 50), (2, 1, 1, 2, 50), (3, 1, 1, 2, 50), (4, 1, 1, 2, 50);

-- behaviour: constraints
SELECT throws_ok($$INSERT INTO trading.escrows (order_id, buyer_id, seller_id, amount) VALUES (1, 1, 2, 0)$$,
                 '23514', NULL, 'trading.escrows.amount: rejects zero');
SELECT throws_ok($$INSERT INTO trading.escrows (order_id, buyer_id, seller_id, amount) VALUES (1, 1, 2, -10)$$,
                 '23514', NULL, 'trading.escrows.amount: rejects a negative amount');
SELECT throws_ok($$INSERT INTO trading.escrows (order_id, buyer_id, seller_id, amount) VALUES (1, 1, 1, 10)$$,
                 '23514', NULL, 'trading.escrows.escrows_distinct_parties: rejects buyer = seller');
SELECT throws_ok($$INSERT INTO trading.escrows (order_id, buyer_id, seller_id, amount, dispute_reason) VALUES (1, 1, 2, 10, pg_catalog.repeat('x', 2001))$$,
                 '23514', NULL, 'trading.escrows.dispute_reason: rejects more than 2000 characters');
SELECT throws_ok($$INSERT INTO trading.escrows (order_id, buyer_id, seller_id, amount) VALUES (99, 1, 2, 10)$$,
                 '23503', NULL, 'trading.escrows.escrows_order_id_fkey: rejects an unknown order');
SELECT throws_ok($$INSERT INTO trading.escrows (order_id, buyer_id, seller_id, amount) VALUES (1, 99, 2, 10)$$,
                 '23503', NULL, 'trading.escrows.escrows_buyer_id_fkey: rejects an unknown buyer');
SELECT throws_ok($$INSERT INTO trading.escrows (order_id, buyer_id, seller_id, amount) VALUES (1, 1, 99, 10)$$,
                 '23503', NULL, 'trading.escrows.escrows_seller_id_fkey: rejects an unknown seller');

-- behaviour: the state machine (escrows_transition, SQLSTATE 55000)
-- (every pair for every role: test/pgtap/core/state_machines.sql)
SELECT tests.act_as_role('chain_app');
SELECT throws_ok($$INSERT INTO trading.escrows (order_id, buyer_id, seller_id, amount, status) VALUES (1, 1, 2, 10, 'released')$$,
                 '55000', 'trading.escrows: illegal trading.escrow_status transition (new) -> released for chain_app',
                 'trading.escrows.escrows_state_machine: a new escrow must be funded');
SELECT tests.reset_role();
SELECT throws_ok($$UPDATE trading.escrows SET status = 'resolved_released' WHERE id = 1$$,
                 '55000', 'trading.escrows: illegal trading.escrow_status transition funded -> resolved_released for postgres',
                 'trading.escrows.escrows_state_machine: rejects funded -> resolved_released');
SELECT lives_ok($$UPDATE trading.escrows SET status = 'released' WHERE id = 1$$, 'trading.escrow_transition(): funded -> released');
SELECT isnt((SELECT settled_at FROM trading.escrows WHERE id = 1), NULL, 'trading.escrows.settled_at: stamped on a final state');
SELECT throws_ok($$UPDATE trading.escrows SET status = 'refunded' WHERE id = 1$$,
                 '55000', NULL, 'trading.escrow_transition(): rejects released -> refunded (final)');
SELECT throws_ok($$UPDATE trading.escrows SET status = 'disputed' WHERE id = 1$$,
                 '55000', NULL, 'trading.escrow_transition(): rejects released -> disputed (final)');
SELECT lives_ok($$UPDATE trading.escrows SET status = 'refunded' WHERE id = 2$$, 'trading.escrow_transition(): funded -> refunded');
SELECT lives_ok($$UPDATE trading.escrows SET status = 'disputed', dispute_reason = 'not delivered' WHERE id = 3$$, 'trading.escrow_transition(): funded -> disputed');
SELECT is((SELECT settled_at FROM trading.escrows WHERE id = 3), NULL, 'trading.escrows.settled_at: not stamped while disputed');
SELECT throws_ok($$UPDATE trading.escrows SET status = 'released' WHERE id = 3$$,
                 '55000', NULL, 'trading.escrow_transition(): rejects disputed -> released');
SELECT throws_ok($$UPDATE trading.escrows SET status = 'funded' WHERE id = 3$$,
                 '55000', NULL, 'trading.escrow_transition(): rejects disputed -> funded');
SELECT lives_ok($$UPDATE trading.escrows SET status = 'resolved_refunded' WHERE id = 3$$, 'trading.escrow_transition(): disputed -> resolved_refunded');
SELECT throws_ok($$UPDATE trading.escrows SET status = 'resolved_released' WHERE id = 3$$,
                 '55000', NULL, 'trading.escrow_transition(): rejects resolved_refunded -> resolved_released (final)');
SELECT throws_ok($$UPDATE trading.escrows SET amount = 1 WHERE id = 4$$,
                 '55000', NULL, 'trading.escrow_transition(): rejects a change of amount');
SELECT throws_ok($$UPDATE trading.escrows SET seller_id = 3 WHERE id = 4$$,
                 '55000', NULL, 'trading.escrow_transition(): rejects a change of party');
SELECT throws_ok($$UPDATE trading.escrows SET status = 'lost' WHERE id = 4$$,
                 '22P02', NULL, 'trading.escrow_status: rejects an unknown status');
UPDATE trading.escrows SET updated_at = '2000-01-01' WHERE id = 4;
SELECT is((SELECT updated_at FROM trading.escrows WHERE id = 4), pg_catalog.now(), 'trading.escrows.escrows_set_updated_at: fires on update');
SELECT ok((SELECT pg_catalog.count(*) >= 4 FROM audit.logs WHERE table_schema = 'trading' AND table_name = 'escrows' AND operation = 'UPDATE'),
          'trading.escrows.audit_capture: transitions are audited');

-- behaviour: RLS (parties only; the buyer releases or disputes, the seller refunds or disputes)
SELECT tests.act_as(3);
SELECT is_empty($$SELECT 1 FROM trading.escrows$$, 'trading.escrows.escrows_select_party: a third user sees none');
UPDATE trading.escrows SET status = 'disputed' WHERE id = 4;
SELECT tests.act_as(2);
SELECT is((SELECT pg_catalog.count(*)::int FROM trading.escrows), 4, 'trading.escrows.escrows_select_party: the seller sees its escrows');
SELECT throws_ok($$UPDATE trading.escrows SET status = 'released' WHERE id = 4$$, '42501', NULL,
                 'trading.escrows.escrows_update_party: the seller cannot release');
SELECT throws_ok($$UPDATE trading.escrows SET amount = 5 WHERE id = 4$$, '42501', NULL,
                 'trading.escrows.amount: chain_user cannot change it');
SELECT tests.act_as(1);
SELECT lives_ok($$UPDATE trading.escrows SET status = 'released' WHERE id = 4$$, 'trading.escrows.escrows_update_party: the buyer releases');
SELECT tests.reset_role();
SELECT is((SELECT status FROM trading.escrows WHERE id = 4), 'released'::trading.escrow_status,
          'trading.escrows.escrows_update_party: only the buyer''s release landed (the third user changed nothing)');
SELECT tests.act_as_role('chain_readonly');
SELECT is((SELECT pg_catalog.count(*)::int FROM trading.escrows), 4, 'trading.escrows.escrows_select_readonly: chain_readonly sees every escrow');
SELECT tests.act_as_role('chain_app');
SELECT is((SELECT pg_catalog.count(*)::int FROM trading.escrows), 4, 'trading.escrows.escrows_select_app: chain_app sees every escrow');
SELECT lives_ok($$INSERT INTO trading.escrows (order_id, buyer_id, seller_id, amount) VALUES (1, 2, 3, 5)$$, 'trading.escrows.escrows_insert_app: the backend funds');
SELECT lives_ok($$UPDATE trading.escrows SET status = 'disputed' WHERE buyer_id = 2$$, 'trading.escrows.escrows_update_app: the backend updates');
SELECT lives_ok($$DELETE FROM trading.escrows WHERE buyer_id = 2$$, 'trading.escrows.escrows_delete_app: the backend deletes');
SELECT tests.reset_role();

SELECT * FROM finish();
ROLLBACK;
