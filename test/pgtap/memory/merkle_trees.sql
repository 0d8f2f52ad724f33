-- pgTAP: memory/merkle_trees — structure, constraints, privileges and RLS of memory.merkle_trees, enum tree_status, memory.reserve_leaves().
BEGIN;
SELECT plan(92);

-- table memory.merkle_trees: 58 assertions
SELECT tests.table_conventions('memory.merkle_trees');
SELECT columns_are('memory', 'merkle_trees', ARRAY['tree_address', 'max_depth', 'max_buffer_size', 'canopy_depth', 'capacity', 'current_size', 'utilization_percent', 'status', 'created_at', 'last_mint_at', 'updated_at']::name[], 'memory.merkle_trees: exactly these columns');
SELECT col_type_is('memory', 'merkle_trees', c, ty, 'memory.merkle_trees.' || c || ': ' || ty)
  FROM (VALUES ('tree_address', 'text'), ('max_depth', 'integer'), ('max_buffer_size', 'integer'), ('canopy_depth', 'integer'), ('capacity', 'bigint'), ('current_size', 'bigint'), ('utilization_percent', 'numeric(5,2)'), ('status', 'memory.tree_status'), ('created_at', 'timestamp with time zone'), ('last_mint_at', 'timestamp with time zone'), ('updated_at', 'timestamp with time zone')) AS v (c, ty);
SELECT col_not_null('memory', 'merkle_trees', c, 'memory.merkle_trees.' || c || ': not null') FROM pg_catalog.unnest(ARRAY['tree_address', 'max_depth', 'max_buffer_size', 'canopy_depth', 'current_size', 'status', 'created_at', 'updated_at']::name[]) AS c;
SELECT col_is_null('memory', 'merkle_trees', c, 'memory.merkle_trees.' || c || ': nullable') FROM pg_catalog.unnest(ARRAY['capacity', 'utilization_percent', 'last_mint_at']::name[]) AS c;
SELECT set_eq($$SELECT conname::text FROM pg_catalog.pg_constraint WHERE conrelid = 'memory.merkle_trees'::regclass$$,
              ARRAY['merkle_trees_active_has_room', 'merkle_trees_canopy_depth_range', 'merkle_trees_full_at_capacity', 'merkle_trees_max_buffer_size_allowed', 'merkle_trees_max_depth_range', 'merkle_trees_pkey', 'merkle_trees_size_within_capacity', 'merkle_trees_tree_address_format'], 'memory.merkle_trees: constraints merkle_trees_active_has_room, merkle_trees_canopy_depth_range, merkle_trees_full_at_capacity, merkle_trees_max_buffer_size_allowed, merkle_trees_max_depth_range, merkle_trees_pkey, merkle_trees_size_within_capacity, merkle_trees_tree_address_format');
SELECT indexes_are('memory', 'merkle_trees', ARRAY['merkle_trees_active_utilization_idx', 'merkle_trees_pkey', 'merkle_trees_status_idx']::name[], 'memory.merkle_trees: indexes merkle_trees_active_utilization_idx, merkle_trees_pkey, merkle_trees_status_idx');
SELECT is(pg_catalog.pg_get_indexdef('memory.merkle_trees_active_utilization_idx'::regclass), 'CREATE INDEX merkle_trees_active_utilization_idx ON memory.merkle_trees USING btree (utilization_percent) WHERE (status = ''active''::memory.tree_status)', 'memory.merkle_trees.merkle_trees_active_utilization_idx: definition');
SELECT is(pg_catalog.pg_get_indexdef('memory.merkle_trees_pkey'::regclass), 'CREATE UNIQUE INDEX merkle_trees_pkey ON memory.merkle_trees USING btree (tree_address)', 'memory.merkle_trees.merkle_trees_pkey: definition');
SELECT is(pg_catalog.pg_get_indexdef('memory.merkle_trees_status_idx'::regclass), 'CREATE INDEX merkle_trees_status_idx ON memory.merkle_trees USING btree (status)', 'memory.merkle_trees.merkle_trees_status_idx: definition');
SELECT triggers_are('memory', 'merkle_trees', ARRAY['merkle_trees_set_updated_at']::name[], 'memory.merkle_trees: triggers merkle_trees_set_updated_at');
SELECT trigger_is('memory', 'merkle_trees', 'merkle_trees_set_updated_at', 'core', 'set_updated_at', 'memory.merkle_trees.merkle_trees_set_updated_at: calls core.set_updated_at()');
SELECT policies_are('memory', 'merkle_trees', ARRAY['merkle_trees_delete_app', 'merkle_trees_insert_app', 'merkle_trees_select_app', 'merkle_trees_select_owner', 'merkle_trees_select_readonly', 'merkle_trees_select_user', 'merkle_trees_update_app']::name[], 'memory.merkle_trees: policies');
SELECT policy_cmd_is('memory', 'merkle_trees', 'merkle_trees_delete_app'::name, 'delete', 'memory.merkle_trees.merkle_trees_delete_app: FOR delete');
SELECT policy_roles_are('memory', 'merkle_trees', 'merkle_trees_delete_app', ARRAY['chain_app']::name[], 'memory.merkle_trees.merkle_trees_delete_app: TO chain_app');
SELECT policy_cmd_is('memory', 'merkle_trees', 'merkle_trees_insert_app'::name, 'insert', 'memory.merkle_trees.merkle_trees_insert_app: FOR insert');
SELECT policy_roles_are('memory', 'merkle_trees', 'merkle_trees_insert_app', ARRAY['chain_app']::name[], 'memory.merkle_trees.merkle_trees_insert_app: TO chain_app');
SELECT policy_cmd_is('memory', 'merkle_trees', 'merkle_trees_select_app'::name, 'select', 'memory.merkle_trees.merkle_trees_select_app: FOR select');
SELECT policy_roles_are('memory', 'merkle_trees', 'merkle_trees_select_app', ARRAY['chain_app']::name[], 'memory.merkle_trees.merkle_trees_select_app: TO chain_app');
SELECT policy_cmd_is('memory', 'merkle_trees', 'merkle_trees_select_owner'::name, 'select', 'memory.merkle_trees.merkle_trees_select_owner: FOR select');
SELECT policy_roles_are('memory', 'merkle_trees', 'merkle_trees_select_owner', ARRAY['chain_owner']::name[], 'memory.merkle_trees.merkle_trees_select_owner: TO chain_owner');
SELECT policy_cmd_is('memory', 'merkle_trees', 'merkle_trees_select_readonly'::name, 'select', 'memory.merkle_trees.merkle_trees_select_readonly: FOR select');
SELECT policy_roles_are('memory', 'merkle_trees', 'merkle_trees_select_readonly', ARRAY['chain_readonly']::name[], 'memory.merkle_trees.merkle_trees_select_readonly: TO chain_readonly');
SELECT policy_cmd_is('memory', 'merkle_trees', 'merkle_trees_select_user'::name, 'select', 'memory.merkle_trees.merkle_trees_select_user: FOR select');
SELECT policy_roles_are('memory', 'merkle_trees', 'merkle_trees_select_user', ARRAY['chain_user']::name[], 'memory.merkle_trees.merkle_trees_select_user: TO chain_user');
SELECT policy_cmd_is('memory', 'merkle_trees', 'merkle_trees_update_app'::name, 'update', 'memory.merkle_trees.merkle_trees_update_app: FOR update');
SELECT policy_roles_are('memory', 'merkle_trees', 'merkle_trees_update_app', ARRAY['chain_app']::name[], 'memory.merkle_trees.merkle_trees_update_app: TO chain_app');
SELECT table_privs_are('memory', 'merkle_trees', 'chain_app', ARRAY['DELETE', 'INSERT', 'SELECT', 'UPDATE'], 'memory.merkle_trees: chain_app has DELETE, INSERT, SELECT, UPDATE');
SELECT table_privs_are('memory', 'merkle_trees', 'chain_user', ARRAY['SELECT'], 'memory.merkle_trees: chain_user has SELECT');
SELECT table_privs_are('memory', 'merkle_trees', 'chain_readonly', ARRAY['SELECT'], 'memory.merkle_trees: chain_readonly has SELECT');
SELECT table_privs_are('memory', 'merkle_trees', 'public', ARRAY[]::text[], 'memory.merkle_trees: public has no table privilege');

-- enum memory.tree_status: 2 assertions
SELECT enum_has_labels('memory', 'tree_status', ARRAY['active', 'full', 'retired']::name[], 'memory.tree_status: labels active, full, retired (in this order)');
SELECT ok(pg_catalog.obj_description('memory.tree_status'::regtype, 'pg_type') IS NOT NULL, 'memory.tree_status: has a comment');

-- func memory.reserve_leaves(text, integer): 4 assertions
SELECT tests.function_conventions('memory.reserve_leaves(text, integer)');

-- fixture, as the test's owner: a depth-3 tree (capacity 8)
INSERT INTO memory.merkle_trees (tree_address, max_depth, max_buffer_size) VALUES
    ('TreeSma111111111111111111111111111111111', 3, 8),
    ('TreeBig111111111111111111111111111111111', 20, 64);

-- behaviour: generated columns
SELECT is((SELECT capacity FROM memory.merkle_trees WHERE tree_address = 'TreeBig111111111111111111111111111111111'), 1048576::bigint,
          'memory.merkle_trees.capacity: 2^max_depth');
SELECT lives_ok($$UPDATE memory.merkle_trees SET updated_at = '2000-01-01' WHERE tree_address = 'TreeBig111111111111111111111111111111111'$$,
                'memory.merkle_trees: accepts an update');
SELECT is((SELECT updated_at FROM memory.merkle_trees WHERE tree_address = 'TreeBig111111111111111111111111111111111'), pg_catalog.now(),
          'memory.merkle_trees.merkle_trees_set_updated_at: fires on update');

-- behaviour: memory.reserve_leaves
SELECT is(memory.reserve_leaves('TreeSma111111111111111111111111111111111', 3), 0::bigint, 'memory.reserve_leaves(): the first reservation starts at leaf 0');
SELECT is(memory.reserve_leaves('TreeSma111111111111111111111111111111111', 4), 3::bigint, 'memory.reserve_leaves(): the next one starts after it');
SELECT is((SELECT utilization_percent FROM memory.merkle_trees WHERE tree_address = 'TreeSma111111111111111111111111111111111'), 87.50::numeric(5,2),
          'memory.merkle_trees.utilization_percent: 7 of 8 leaves');
SELECT throws_ok($$SELECT memory.reserve_leaves('TreeSma111111111111111111111111111111111', 2)$$, '55000', NULL,
                 'memory.reserve_leaves(): refuses leaves past the capacity');
SELECT is(memory.reserve_leaves('TreeSma111111111111111111111111111111111', 1), 7::bigint, 'memory.reserve_leaves(): takes the last leaf');
SELECT is((SELECT status::text || ' ' || current_size FROM memory.merkle_trees WHERE tree_address = 'TreeSma111111111111111111111111111111111'),
          'full 8', 'memory.reserve_leaves(): the last leaf makes the tree full');
SELECT throws_ok($$SELECT memory.reserve_leaves('TreeSma111111111111111111111111111111111', 1)$$, '55000', NULL,
                 'memory.reserve_leaves(): refuses a full tree');
SELECT throws_ok($$SELECT memory.reserve_leaves('TreeBig111111111111111111111111111111111', 0)$$, '22023', NULL,
                 'memory.reserve_leaves(): refuses a count below 1');
SELECT throws_ok($$SELECT memory.reserve_leaves('TreeNone11111111111111111111111111111111', 1)$$, 'P0002', NULL,
                 'memory.reserve_leaves(): refuses an unknown tree');
UPDATE memory.merkle_trees SET status = 'retired' WHERE tree_address = 'TreeBig111111111111111111111111111111111';
SELECT throws_ok($$SELECT memory.reserve_leaves('TreeBig111111111111111111111111111111111', 1)$$, '55000', NULL,
                 'memory.reserve_leaves(): refuses a retired tree');

-- behaviour: constraints (each with a row it rejects)
SELECT throws_ok($$INSERT INTO memory.merkle_trees (tree_address, max_depth, max_buffer_size) VALUES ('TreeSma111111111111111111111111111111111', 5, 8)$$,
                 '23505', NULL, 'memory.merkle_trees.merkle_trees_pkey: rejects a second row for one address');
SELECT throws_ok($$INSERT INTO memory.merkle_trees (tree_address, max_depth, max_buffer_size) VALUES ('not-base58-0OIl', 5, 8)$$,
                 '23514', NULL, 'memory.merkle_trees.merkle_trees_tree_address_format: rejects a non-base58 address');
SELECT throws_ok($$INSERT INTO memory.merkle_trees (tree_address, max_depth, max_buffer_size) VALUES ('TreeX11111111111111111111111111111111111', 2, 8)$$,
                 '23514', NULL, 'memory.merkle_trees.merkle_trees_max_depth_range: rejects depth 2');
SELECT throws_ok($$INSERT INTO memory.merkle_trees (tree_address, max_depth, max_buffer_size) VALUES ('TreeX11111111111111111111111111111111111', 31, 8)$$,
                 '23514', NULL, 'memory.merkle_trees.merkle_trees_max_depth_range: rejects depth 31');
SELECT throws_ok($$INSERT INTO memory.merkle_trees (tree_address, max_depth, max_buffer_size) VALUES ('TreeX11111111111111111111111111111111111', 5, 10)$$,
                 '23514', NULL, 'memory.merkle_trees.merkle_trees_max_buffer_size_allowed: rejects buffer size 10');
SELECT throws_ok($$INSERT INTO memory.merkle_trees (tree_address, max_depth, max_buffer_size, canopy_depth) VALUES ('TreeX11111111111111111111111111111111111', 5, 8, 5)$$,
                 '23514', NULL, 'memory.merkle_trees.merkle_trees_canopy_depth_range: rejects a canopy as deep as the tree');
SELECT throws_ok($$INSERT INTO memory.merkle_trees (tree_address, max_depth, max_buffer_size, current_size, status) VALUES ('TreeX11111111111111111111111111111111111', 3, 8, 9, 'retired')$$,
                 '23514', NULL, 'memory.merkle_trees.merkle_trees_size_within_capacity: rejects more leaves than the capacity');
SELECT throws_ok($$INSERT INTO memory.merkle_trees (tree_address, max_depth, max_buffer_size, current_size) VALUES ('TreeX11111111111111111111111111111111111', 3, 8, 8)$$,
                 '23514', NULL, 'memory.merkle_trees.merkle_trees_active_has_room: rejects an active tree at capacity');
SELECT throws_ok($$INSERT INTO memory.merkle_trees (tree_address, max_depth, max_buffer_size, status) VALUES ('TreeX11111111111111111111111111111111111', 3, 8, 'full')$$,
                 '23514', NULL, 'memory.merkle_trees.merkle_trees_full_at_capacity: rejects a full tree with free leaves');
SELECT throws_ok($$INSERT INTO memory.merkle_trees (tree_address, max_depth, max_buffer_size, status) VALUES ('TreeX11111111111111111111111111111111111', 3, 8, 'frozen')$$,
                 '22P02', NULL, 'memory.tree_status: rejects an unknown status');
SELECT throws_ok($$INSERT INTO memory.merkle_trees (tree_address, max_depth, max_buffer_size, capacity) VALUES ('TreeX11111111111111111111111111111111111', 3, 8, 100)$$,
                 '428C9', NULL, 'memory.merkle_trees.capacity: cannot be written (generated)');

-- behaviour: RLS and privileges
SELECT tests.act_as_wallet('Ann11111111111111111111111111111111111111111');
SELECT is((SELECT pg_catalog.count(*)::int FROM memory.merkle_trees), 2, 'memory.merkle_trees.merkle_trees_select_user: an end user sees every tree (public chain data)');
SELECT throws_ok($$UPDATE memory.merkle_trees SET status = 'retired'$$, '42501', NULL, 'memory.merkle_trees: an end user cannot change trees');
SELECT throws_ok($$SELECT memory.reserve_leaves('TreeSma111111111111111111111111111111111', 1)$$, '42501', NULL,
                 'memory.reserve_leaves(): not executable by an end user');
SELECT tests.act_as_role('chain_readonly');
SELECT is((SELECT pg_catalog.count(*)::int FROM memory.merkle_trees), 2, 'memory.merkle_trees.merkle_trees_select_readonly: reporting sees every tree');
SELECT tests.reset_role();

SELECT * FROM finish();
ROLLBACK;
