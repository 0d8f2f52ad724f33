-- pgTAP: trace/traceability_chain — the chain kept by trigger: order after late inserts, updates, deletes; nobody else writes it.
BEGIN;
SELECT plan(150);

-- the project's conventions (docs/conventions.md)
SELECT tests.table_conventions('trace.traceability_chain');
SELECT tests.function_conventions('trace.rebuild_traceability_chain(bigint)');
SELECT tests.function_conventions('trace.checkpoints_maintain_chain()');

-- structure (from the deployed catalog)
SELECT has_table('trace', 'traceability_chain', 'trace.traceability_chain: exists');
SELECT table_owner_is('trace', 'traceability_chain', 'chain_owner', 'trace.traceability_chain: owned by chain_owner');
SELECT ok(pg_catalog.obj_description('trace.traceability_chain'::regclass, 'pg_class') IS NOT NULL, 'trace.traceability_chain: has a comment');
SELECT columns_are('trace', 'traceability_chain', ARRAY['checkpoint_id', 'product_id', 'sequence_order', 'checkpoint_at', 'checkpoint_index', 'from_location', 'to_location', 'from_stakeholder_id', 'to_stakeholder_id', 'duration_hours', 'created_at'], 'trace.traceability_chain: exactly these columns');
SELECT col_type_is('trace', 'traceability_chain', c, ty, 'trace.traceability_chain.' || c || ': ' || ty)
  FROM (VALUES ('checkpoint_id', 'bigint'), ('product_id', 'bigint'), ('sequence_order', 'integer'), ('checkpoint_at', 'timestamp with time zone'), ('checkpoint_index', 'integer'), ('from_location', 'text'), ('to_location', 'text'), ('from_stakeholder_id', 'bigint'), ('to_stakeholder_id', 'bigint'), ('duration_hours', 'numeric(10,2)'), ('created_at', 'timestamp with time zone')) AS v (c, ty);
SELECT col_not_null('trace', 'traceability_chain', c, 'trace.traceability_chain.' || c || ': not null') FROM pg_catalog.unnest(ARRAY['checkpoint_id', 'product_id', 'sequence_order', 'checkpoint_at', 'checkpoint_index', 'to_location', 'to_stakeholder_id', 'created_at']::name[]) AS c;
SELECT col_is_null('trace', 'traceability_chain', c, 'trace.traceability_chain.' || c || ': nullable') FROM pg_catalog.unnest(ARRAY['from_location', 'from_stakeholder_id', 'duration_hours']::name[]) AS c;
SELECT ok(pg_catalog.col_description('trace.traceability_chain'::regclass, a.attnum) IS NOT NULL, 'trace.traceability_chain.' || a.attname || ': has a comment')
  FROM pg_catalog.pg_attribute AS a WHERE a.attrelid = 'trace.traceability_chain'::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum;
SELECT set_eq($$SELECT conname::text FROM pg_catalog.pg_constraint WHERE conrelid = 'trace.traceability_chain'::regclass$$,
              ARRAY['traceability_chain_duration_hours_check', 'traceability_chain_first_step', 'traceability_chain_pkey', 'traceability_chain_product_sequence_key', 'traceability_chain_sequence_order_check'], 'trace.traceability_chain: constraints ' || 'traceability_chain_duration_hours_check, traceability_chain_first_step, traceability_chain_pkey, traceability_chain_product_sequence_key, traceability_chain_sequence_order_check');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_constraint WHERE conrelid = 'trace.traceability_chain'::regclass AND conname = 'traceability_chain_first_step'), 'pg_constraint') IS NOT NULL, 'trace.traceability_chain.traceability_chain_first_step: has a comment');
SELECT indexes_are('trace', 'traceability_chain', ARRAY['traceability_chain_handover_idx', 'traceability_chain_pkey', 'traceability_chain_product_sequence_key']::name[], 'trace.traceability_chain: indexes ' || 'traceability_chain_handover_idx, traceability_chain_pkey, traceability_chain_product_sequence_key');
SELECT is(pg_catalog.pg_get_indexdef('trace.traceability_chain_handover_idx'::regclass), 'CREATE INDEX traceability_chain_handover_idx ON trace.traceability_chain USING btree (from_stakeholder_id, to_stakeholder_id)', 'trace.traceability_chain.traceability_chain_handover_idx: definition');
SELECT is(pg_catalog.pg_get_indexdef('trace.traceability_chain_pkey'::regclass), 'CREATE UNIQUE INDEX traceability_chain_pkey ON trace.traceability_chain USING btree (checkpoint_id)', 'trace.traceability_chain.traceability_chain_pkey: definition');
SELECT is(pg_catalog.pg_get_indexdef('trace.traceability_chain_product_sequence_key'::regclass), 'CREATE UNIQUE INDEX traceability_chain_product_sequence_key ON trace.traceability_chain USING btree (product_id, sequence_order)', 'trace.traceability_chain.traceability_chain_product_sequence_key: definition');
SELECT triggers_are('trace', 'traceability_chain', ARRAY[]::name[], 'trace.traceability_chain: triggers ' || '');
SELECT ok((SELECT relrowsecurity AND relforcerowsecurity FROM pg_catalog.pg_class WHERE oid = 'trace.traceability_chain'::regclass), 'trace.traceability_chain: RLS enabled and forced');
SELECT policies_are('trace', 'traceability_chain', ARRAY['traceability_chain_delete_owner', 'traceability_chain_insert_owner', 'traceability_chain_select_all', 'traceability_chain_select_app', 'traceability_chain_select_owner', 'traceability_chain_select_readonly']::name[], 'trace.traceability_chain: policies');
SELECT policy_cmd_is('trace', 'traceability_chain', 'traceability_chain_delete_owner'::name, 'delete', 'trace.traceability_chain.traceability_chain_delete_owner: FOR delete');
SELECT policy_roles_are('trace', 'traceability_chain', 'traceability_chain_delete_owner', ARRAY['chain_owner']::name[], 'trace.traceability_chain.traceability_chain_delete_owner: TO chain_owner');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polrelid = 'trace.traceability_chain'::regclass AND polname = 'traceability_chain_delete_owner'), 'pg_policy') IS NOT NULL, 'trace.traceability_chain.traceability_chain_delete_owner: has a comment');
SELECT policy_cmd_is('trace', 'traceability_chain', 'traceability_chain_insert_owner'::name, 'insert', 'trace.traceability_chain.traceability_chain_insert_owner: FOR insert');
SELECT policy_roles_are('trace', 'traceability_chain', 'traceability_chain_insert_owner', ARRAY['chain_owner']::name[], 'trace.traceability_chain.traceability_chain_insert_owner: TO chain_owner');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polrelid = 'trace.traceability_chain'::regclass AND polname = 'traceability_chain_insert_owner'), 'pg_policy') IS NOT NULL, 'trace.traceability_chain.traceability_chain_insert_owner: has a comment');
SELECT policy_cmd_is('trace', 'traceability_chain', 'traceability_chain_select_all'::name, 'select', 'trace.traceability_chain.traceability_chain_select_all: FOR select');
SELECT policy_roles_are('trace', 'traceability_chain', 'traceability_chain_select_all', ARRAY['chain_user']::name[], 'trace.traceability_chain.traceability_chain_select_all: TO chain_user');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polrelid = 'trace.traceability_chain'::regclass AND polname = 'traceability_chain_select_all'), 'pg_policy') IS NOT NULL, 'trace.traceability_chain.traceability_chain_select_all: has a comment');
SELECT policy_cmd_is('trace', 'traceability_chain', 'traceability_chain_select_app'::name, 'select', 'trace.traceability_chain.traceability_chain_select_app: FOR select');
SELECT policy_roles_are('trace', 'traceability_chain', 'traceability_chain_select_app', ARRAY['chain_app']::name[], 'trace.traceability_chain.traceability_chain_select_app: TO chain_app');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polrelid = 'trace.traceability_chain'::regclass AND polname = 'traceability_chain_select_app'), 'pg_policy') IS NOT NULL, 'trace.traceability_chain.traceability_chain_select_app: has a comment');
SELECT policy_cmd_is('trace', 'traceability_chain', 'traceability_chain_select_owner'::name, 'select', 'trace.traceability_chain.traceability_chain_select_owner: FOR select');
SELECT policy_roles_are('trace', 'traceability_chain', 'traceability_chain_select_owner', ARRAY['chain_owner']::name[], 'trace.traceability_chain.traceability_chain_select_owner: TO chain_owner');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polrelid = 'trace.traceability_chain'::regclass AND polname = 'traceability_chain_select_owner'), 'pg_policy') IS NOT NULL, 'trace.traceability_chain.traceability_chain_select_owner: has a comment');
SELECT policy_cmd_is('trace', 'traceability_chain', 'traceability_chain_select_readonly'::name, 'select', 'trace.traceability_chain.traceability_chain_select_readonly: FOR select');
SELECT policy_roles_are('trace', 'traceability_chain', 'traceability_chain_select_readonly', ARRAY['chain_readonly']::name[], 'trace.traceability_chain.traceability_chain_select_readonly: TO chain_readonly');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polrelid = 'trace.traceability_chain'::regclass AND polname = 'traceability_chain_select_readonly'), 'pg_policy') IS NOT NULL, 'trace.traceability_chain.traceability_chain_select_readonly: has a comment');
SELECT table_privs_are('trace', 'traceability_chain', 'chain_app', ARRAY['SELECT'], 'trace.traceability_chain: chain_app has SELECT');
SELECT table_privs_are('trace', 'traceability_chain', 'chain_user', ARRAY['SELECT'], 'trace.traceability_chain: chain_user has SELECT');
SELECT table_privs_are('trace', 'traceability_chain', 'chain_readonly', ARRAY['SELECT'], 'trace.traceability_chain: chain_readonly has SELECT');
SELECT table_privs_are('trace', 'traceability_chain', 'chain_analytics', ARRAY[]::text[], 'trace.traceability_chain: chain_analytics has nothing');
SELECT table_privs_are('trace', 'traceability_chain', 'public', ARRAY[]::text[], 'trace.traceability_chain: public has nothing');
SELECT has_function('trace', 'rebuild_traceability_chain', ARRAY['bigint']::name[], 'trace.rebuild_traceability_chain(): exists');
SELECT function_owner_is('trace', 'rebuild_traceability_chain', ARRAY['bigint']::name[], 'chain_owner', 'trace.rebuild_traceability_chain(): owned by chain_owner');
SELECT is_definer('trace', 'rebuild_traceability_chain', ARRAY['bigint']::name[], 'trace.rebuild_traceability_chain(): SECURITY DEFINER');
SELECT volatility_is('trace', 'rebuild_traceability_chain', ARRAY['bigint']::name[], 'volatile', 'trace.rebuild_traceability_chain(): volatile');
SELECT is(pg_catalog.pg_get_function_result('trace.rebuild_traceability_chain(bigint)'::regprocedure), 'integer', 'trace.rebuild_traceability_chain(): returns ' || 'integer');
SELECT ok(pg_catalog.obj_description('trace.rebuild_traceability_chain(bigint)'::regprocedure, 'pg_proc') IS NOT NULL, 'trace.rebuild_traceability_chain(): has a comment');
SELECT ok((SELECT 'search_path=pg_catalog, pg_temp' = ANY (proconfig) FROM pg_catalog.pg_proc WHERE oid = 'trace.rebuild_traceability_chain(bigint)'::regprocedure), 'trace.rebuild_traceability_chain(): search_path pinned');
SELECT function_privs_are('trace', 'rebuild_traceability_chain', ARRAY['bigint']::name[], 'public', ARRAY[]::text[], 'trace.rebuild_traceability_chain(): public cannot execute');
SELECT function_privs_are('trace', 'rebuild_traceability_chain', ARRAY['bigint']::name[], 'chain_app', ARRAY[]::text[], 'trace.rebuild_traceability_chain(): chain_app cannot execute');
SELECT function_privs_are('trace', 'rebuild_traceability_chain', ARRAY['bigint']::name[], 'chain_user', ARRAY[]::text[], 'trace.rebuild_traceability_chain(): chain_user cannot execute');
SELECT function_privs_are('trace', 'rebuild_traceability_chain', ARRAY['bigint']::name[], 'chain_readonly', ARRAY[]::text[], 'trace.rebuild_traceability_chain(): chain_readonly cannot execute');
SELECT function_privs_are('trace', 'rebuild_traceability_chain', ARRAY['bigint']::name[], 'chain_analytics', ARRAY[]::text[], 'trace.rebuild_traceability_chain(): chain_analytics cannot execute');
SELECT has_function('trace', 'checkpoints_maintain_chain', ARRAY[]::name[], 'trace.checkpoints_maintain_chain(): exists');
SELECT function_owner_is('trace', 'checkpoints_maintain_chain', ARRAY[]::name[], 'chain_owner', 'trace.checkpoints_maintain_chain(): owned by chain_owner');
SELECT is_definer('trace', 'checkpoints_maintain_chain', ARRAY[]::name[], 'trace.checkpoints_maintain_chain(): SECURITY DEFINER');
SELECT volatility_is('trace', 'checkpoints_maintain_chain', ARRAY[]::name[], 'volatile', 'trace.checkpoints_maintain_chain(): volatile');
SELECT is(pg_catalog.pg_get_function_result('trace.checkpoints_maintain_chain()'::regprocedure), 'trigger', 'trace.checkpoints_maintain_chain(): returns ' || 'trigger');
SELECT ok(pg_catalog.obj_description('trace.checkpoints_maintain_chain()'::regprocedure, 'pg_proc') IS NOT NULL, 'trace.checkpoints_maintain_chain(): has a comment');
SELECT ok((SELECT 'search_path=pg_catalog, pg_temp' = ANY (proconfig) FROM pg_catalog.pg_proc WHERE oid = 'trace.checkpoints_maintain_chain()'::regprocedure), 'trace.checkpoints_maintain_chain(): search_path pinned');
SELECT function_privs_are('trace', 'checkpoints_maintain_chain', ARRAY[]::name[], 'public', ARRAY[]::text[], 'trace.checkpoints_maintain_chain(): public cannot execute');
SELECT function_privs_are('trace', 'checkpoints_maintain_chain', ARRAY[]::name[], 'chain_app', ARRAY[]::text[], 'trace.checkpoints_maintain_chain(): chain_app cannot execute');
SELECT function_privs_are('trace', 'checkpoints_maintain_chain', ARRAY[]::name[], 'chain_user', ARRAY[]::text[], 'trace.checkpoints_maintain_chain(): chain_user cannot execute');
SELECT function_privs_are('trace', 'checkpoints_maintain_chain', ARRAY[]::name[], 'chain_readonly', ARRAY[]::text[], 'trace.checkpoints_maintain_chain(): chain_readonly cannot execute');
SELECT function_privs_are('trace', 'checkpoints_maintain_chain', ARRAY[]::name[], 'chain_analytics', ARRAY[]::text[], 'trace.checkpoints_maintain_chain(): chain_analytics cannot execute');

SELECT trigger_is('trace', 'checkpoints', t, 'trace', 'checkpoints_maintain_chain', 'trace.checkpoints.' || t || ': calls trace.checkpoints_maintain_chain()')
  FROM pg_catalog.unnest(ARRAY['checkpoints_chain_insert', 'checkpoints_chain_update', 'checkpoints_chain_delete', 'checkpoints_chain_truncate']::name[]) AS t;
SELECT ok(pg_catalog.obj_description(t.oid, 'pg_trigger') IS NOT NULL, 'trace.checkpoints.' || t.tgname || ': has a comment')
  FROM pg_catalog.pg_trigger AS t WHERE t.tgrelid = 'trace.checkpoints'::regclass AND t.tgname IN ('checkpoints_chain_insert', 'checkpoints_chain_update', 'checkpoints_chain_delete', 'checkpoints_chain_truncate');

-- fixture, inserted as the test's owner: product 100 of user 1, user 2 its distributor (stakeholder 50)
INSERT INTO core.users (id, wallet_address) OVERRIDING SYSTEM VALUE VALUES
    (1, '0x1111111111111111111111111111111111111111'),
    (2, '0x2222222222222222222222222222222222222222');
INSERT INTO trace.products (product_id, product_name, product_type, manufacturer_id, batch_number, manufacture_date)
VALUES (100, 'Aspirin', 'pharmaceutical', 1, 'B-1', '2026-01-01'), (101, 'Coffee', 'food', 1, 'C-1', '2026-01-01');
INSERT INTO trace.stakeholders (id, product_id, user_id, role, added_by) OVERRIDING SYSTEM VALUE VALUES (50, 100, 2, 'distributor', 1);
CREATE TEMP TABLE m AS SELECT id AS s FROM trace.stakeholders WHERE product_id = 100 AND role = 'manufacturer';
GRANT SELECT ON m TO PUBLIC;
CREATE TEMP VIEW chain AS
    SELECT t.sequence_order, c.location, t.from_location, t.duration_hours
      FROM trace.traceability_chain AS t JOIN trace.checkpoints AS c ON c.id = t.checkpoint_id
     WHERE t.product_id = 100 ORDER BY t.sequence_order;

-- in order: appended
INSERT INTO trace.checkpoints (product_id, "timestamp", location, stakeholder_id, status) SELECT 100, '2026-01-01 00:00Z', 'Plant', s, 'manufactured' FROM m;
INSERT INTO trace.checkpoints (product_id, "timestamp", location, stakeholder_id, status) VALUES (100, '2026-01-03 00:00Z', 'Port', 50, 'shipped');
SELECT results_eq($$SELECT * FROM chain$$,
                  $$VALUES (1, 'Plant', NULL::text, NULL::numeric), (2, 'Port', 'Plant', 48.00)$$,
                  'trace.checkpoints.checkpoints_chain_insert: in-order checkpoints are appended, first step without duration');
SELECT results_eq($$SELECT from_stakeholder_id, to_stakeholder_id FROM trace.traceability_chain WHERE product_id = 100 AND sequence_order = 2$$,
                  $$SELECT s, 50::bigint FROM m$$, 'trace.traceability_chain.from_stakeholder_id: the previous step''s stakeholder');
-- a late insert with an earlier timestamp: the chain is rebuilt in time order
INSERT INTO trace.checkpoints (product_id, "timestamp", location, stakeholder_id, status) SELECT 100, '2026-01-02 06:00Z', 'QA lab', s, 'quality_checked' FROM m;
SELECT results_eq($$SELECT * FROM chain$$,
                  $$VALUES (1, 'Plant', NULL::text, NULL::numeric), (2, 'QA lab', 'Plant', 30.00), (3, 'Port', 'QA lab', 18.00)$$,
                  'trace.checkpoints_maintain_chain(): a late insert with an earlier timestamp lands in time order, durations recomputed');
-- even earlier than the first
INSERT INTO trace.checkpoints (product_id, "timestamp", location, stakeholder_id, status) SELECT 100, '2025-12-31 23:00Z', 'Mine', s, 'manufactured' FROM m;
SELECT results_eq($$SELECT sequence_order, location, duration_hours FROM chain$$,
                  $$VALUES (1, 'Mine', NULL::numeric), (2, 'Plant', 1.00), (3, 'QA lab', 30.00), (4, 'Port', 18.00)$$,
                  'trace.checkpoints_maintain_chain(): a checkpoint before the first becomes step 1');
-- equal timestamps: ordered by checkpoint_index
INSERT INTO trace.checkpoints (product_id, checkpoint_index, "timestamp", location, stakeholder_id, status) VALUES (100, 21, '2026-01-04 00:00Z', 'Dock B', 50, 'received');
INSERT INTO trace.checkpoints (product_id, checkpoint_index, "timestamp", location, stakeholder_id, status) VALUES (100, 20, '2026-01-04 00:00Z', 'Dock A', 50, 'received');
SELECT results_eq($$SELECT sequence_order, location, duration_hours FROM chain WHERE sequence_order >= 5$$,
                  $$VALUES (5, 'Dock A', 24.00), (6, 'Dock B', 0.00)$$,
                  'trace.traceability_chain.sequence_order: equal timestamps are ordered by checkpoint_index');
-- update of the order key: moved, rebuilt
UPDATE trace.checkpoints SET "timestamp" = '2026-01-05 12:00Z' WHERE location = 'QA lab';
SELECT results_eq($$SELECT sequence_order, location FROM chain$$,
                  $$VALUES (1, 'Mine'), (2, 'Plant'), (3, 'Port'), (4, 'Dock A'), (5, 'Dock B'), (6, 'QA lab')$$,
                  'trace.checkpoints.checkpoints_chain_update: a changed timestamp moves the step');
-- update of a chain column: from_location of the next step follows
UPDATE trace.checkpoints SET location = 'Port of Genoa' WHERE location = 'Port';
SELECT is((SELECT from_location FROM chain WHERE sequence_order = 4), 'Port of Genoa', 'trace.checkpoints.checkpoints_chain_update: a changed location reaches the next step''s from_location');
-- an update of other columns leaves the chain rows alone
CREATE TEMP TABLE before_ids AS SELECT ctid::text AS t FROM trace.traceability_chain WHERE product_id = 100;
UPDATE trace.checkpoints SET additional_data = '{"note": 1}', temperature = 5 WHERE product_id = 100;
SELECT set_eq($$SELECT ctid::text AS t FROM trace.traceability_chain WHERE product_id = 100$$, $$SELECT t FROM before_ids$$,
              'trace.checkpoints.checkpoints_chain_update: fires only when an order or chain column changes');
-- delete: no gap
DELETE FROM trace.checkpoints WHERE location = 'Port of Genoa';
SELECT results_eq($$SELECT sequence_order, location, from_location FROM chain$$,
                  $$VALUES (1, 'Mine', NULL::text), (2, 'Plant', 'Mine'), (3, 'Dock A', 'Plant'), (4, 'Dock B', 'Dock A'), (5, 'QA lab', 'Dock B')$$,
                  'trace.checkpoints.checkpoints_chain_delete: the chain closes the gap');
SELECT is((SELECT duration_hours FROM chain WHERE sequence_order = 3), 72.00, 'trace.checkpoints.checkpoints_chain_delete: the next step''s duration spans the removed one');
-- invariants
SELECT is((SELECT pg_catalog.count(*)::int FROM trace.traceability_chain WHERE product_id = 100), (SELECT pg_catalog.count(*)::int FROM trace.checkpoints WHERE product_id = 100),
          'trace.traceability_chain: one step per checkpoint');
SELECT is((SELECT pg_catalog.array_agg(sequence_order ORDER BY sequence_order) FROM trace.traceability_chain WHERE product_id = 100), ARRAY[1, 2, 3, 4, 5],
          'trace.traceability_chain_product_sequence_key: sequence 1..n without gaps');
SELECT is((SELECT pg_catalog.count(*)::int FROM trace.traceability_chain WHERE product_id = 101), 0, 'trace.traceability_chain: other products are untouched');
-- the repair tool
DELETE FROM trace.traceability_chain WHERE product_id = 100 AND sequence_order = 5;
SELECT is(trace.rebuild_traceability_chain(100), 5, 'trace.rebuild_traceability_chain(): rebuilds a damaged chain and returns its length');
SELECT is((SELECT location FROM chain WHERE sequence_order = 5), 'QA lab', 'trace.rebuild_traceability_chain(): the lost step is back');
SELECT is(trace.rebuild_traceability_chain(999), 0, 'trace.rebuild_traceability_chain(): 0 for a product without checkpoints');

-- constraints (rows only the trigger could write, written directly by the superuser)
SELECT throws_ok($$INSERT INTO trace.traceability_chain (product_id, checkpoint_id, sequence_order, checkpoint_at, checkpoint_index, to_location, to_stakeholder_id) SELECT 100, id, 0, now(), 0, 'X', 50 FROM trace.checkpoints WHERE location = 'Mine'$$,
                 '23514', NULL, 'trace.traceability_chain.traceability_chain_sequence_order_check: rejects sequence 0');
SELECT throws_ok($$INSERT INTO trace.traceability_chain (product_id, checkpoint_id, sequence_order, checkpoint_at, checkpoint_index, to_location, to_stakeholder_id) SELECT 100, id, 9, now(), 0, 'X', 50 FROM trace.checkpoints WHERE location = 'Mine'$$,
                 '23514', NULL, 'trace.traceability_chain.traceability_chain_first_step: rejects a later step without duration');
SELECT throws_ok($$INSERT INTO trace.traceability_chain (product_id, checkpoint_id, sequence_order, checkpoint_at, checkpoint_index, to_location, to_stakeholder_id, duration_hours, from_stakeholder_id) SELECT 100, id, 9, now(), 0, 'X', 50, -1, 50 FROM trace.checkpoints WHERE location = 'Mine'$$,
                 '23514', NULL, 'trace.traceability_chain.traceability_chain_duration_hours_check: rejects a negative duration');
SELECT throws_ok($$INSERT INTO trace.traceability_chain (product_id, checkpoint_id, sequence_order, checkpoint_at, checkpoint_index, to_location, to_stakeholder_id, duration_hours, from_stakeholder_id) SELECT 100, id, 9, now(), 0, 'X', 50, 1, 50 FROM trace.checkpoints WHERE location = 'Mine'$$,
                 '23505', NULL, 'trace.traceability_chain.traceability_chain_pkey: rejects a second step for one checkpoint');
DELETE FROM trace.traceability_chain WHERE checkpoint_id = (SELECT id FROM trace.checkpoints WHERE location = 'Mine');
SELECT throws_ok($$INSERT INTO trace.traceability_chain (product_id, checkpoint_id, sequence_order, checkpoint_at, checkpoint_index, to_location, to_stakeholder_id, duration_hours, from_stakeholder_id) SELECT 100, id, 2, now(), 0, 'X', 50, 1, 50 FROM trace.checkpoints WHERE location = 'Mine'$$,
                 '23505', NULL, 'trace.traceability_chain.traceability_chain_product_sequence_key: rejects a second step 2 of a product');
SELECT trace.rebuild_traceability_chain(100);

-- RLS: everyone reads, nobody but the trigger writes
SELECT tests.act_as(2);
SELECT is((SELECT pg_catalog.count(*)::int FROM trace.traceability_chain), 5, 'trace.traceability_chain.traceability_chain_select_all: an end user reads every chain');
SELECT throws_ok($$DELETE FROM trace.traceability_chain$$, '42501', NULL, 'trace.traceability_chain: an end user cannot write');
SELECT tests.act_as_role('chain_app');
SELECT is((SELECT pg_catalog.count(*)::int FROM trace.traceability_chain), 5, 'trace.traceability_chain.traceability_chain_select_app: the backend reads every chain');
SELECT throws_ok($$UPDATE trace.traceability_chain SET sequence_order = sequence_order + 10$$, '42501', NULL, 'trace.traceability_chain: the backend cannot write the chain');
SELECT throws_ok($$SELECT trace.rebuild_traceability_chain(100)$$, '42501', NULL, 'trace.rebuild_traceability_chain(): owner-only');
SELECT tests.act_as_role('chain_readonly');
SELECT is((SELECT pg_catalog.count(*)::int FROM trace.traceability_chain), 5, 'trace.traceability_chain.traceability_chain_select_readonly: reporting reads every chain');
SELECT tests.reset_role();
SET LOCAL ROLE chain_owner;
SELECT is((SELECT pg_catalog.count(*)::int FROM trace.traceability_chain), 5, 'trace.traceability_chain.traceability_chain_select_owner: the definer trigger reads');
SELECT lives_ok($$DELETE FROM trace.traceability_chain WHERE product_id = 100 AND sequence_order = 5$$, 'trace.traceability_chain.traceability_chain_delete_owner: the definer rebuild deletes');
SELECT lives_ok($$SELECT trace.rebuild_traceability_chain(100)$$, 'trace.traceability_chain.traceability_chain_insert_owner: the definer rebuild inserts');
RESET ROLE;
-- pure child: deleting the product's checkpoints (and then the product) takes the chain along
DELETE FROM trace.checkpoints WHERE product_id = 100;
SELECT is((SELECT pg_catalog.count(*)::int FROM trace.traceability_chain WHERE product_id = 100), 0, 'trace.checkpoints.checkpoints_chain_delete: steps go with their checkpoints');
INSERT INTO trace.checkpoints (product_id, "timestamp", location, stakeholder_id, status) SELECT 100, now(), 'Again', s, 'manufactured' FROM m;
TRUNCATE trace.checkpoints CASCADE;
SELECT is((SELECT pg_catalog.count(*)::int FROM trace.traceability_chain), 0, 'trace.checkpoints.checkpoints_chain_truncate: TRUNCATE of the checkpoints empties the chain');

SELECT * FROM finish();
ROLLBACK;
