-- pgTAP: trace/checkpoints — structure, ranges, the recorder-is-a-stakeholder rule, index assignment, RLS.
BEGIN;
SELECT plan(178);

-- the project's conventions (docs/conventions.md)
SELECT tests.table_conventions('trace.checkpoints');
SELECT tests.function_conventions('trace.lock_product_chain(bigint)');
SELECT tests.function_conventions('trace.checkpoints_before_write()');

-- structure (from the deployed catalog)
SELECT has_table('trace', 'checkpoints', 'trace.checkpoints: exists');
SELECT table_owner_is('trace', 'checkpoints', 'chain_owner', 'trace.checkpoints: owned by chain_owner');
SELECT ok(pg_catalog.obj_description('trace.checkpoints'::regclass, 'pg_class') IS NOT NULL, 'trace.checkpoints: has a comment');
SELECT columns_are('trace', 'checkpoints', ARRAY['id', 'product_id', 'checkpoint_index', 'timestamp', 'location', 'stakeholder_id', 'status', 'temperature', 'humidity', 'additional_data', 'contract_address', 'tx_hash', 'block_number', 'created_at'], 'trace.checkpoints: exactly these columns');
SELECT col_type_is('trace', 'checkpoints', c, ty, 'trace.checkpoints.' || c || ': ' || ty)
  FROM (VALUES ('id', 'bigint'), ('product_id', 'bigint'), ('checkpoint_index', 'integer'), ('timestamp', 'timestamp with time zone'), ('location', 'text'), ('stakeholder_id', 'bigint'), ('status', 'trace.checkpoint_status'), ('temperature', 'numeric(5,2)'), ('humidity', 'numeric(5,2)'), ('additional_data', 'jsonb'), ('contract_address', 'text'), ('tx_hash', 'text'), ('block_number', 'bigint'), ('created_at', 'timestamp with time zone')) AS v (c, ty);
SELECT col_not_null('trace', 'checkpoints', c, 'trace.checkpoints.' || c || ': not null') FROM pg_catalog.unnest(ARRAY['id', 'product_id', 'checkpoint_index', 'timestamp', 'location', 'stakeholder_id', 'status', 'additional_data', 'created_at']::name[]) AS c;
SELECT col_is_null('trace', 'checkpoints', c, 'trace.checkpoints.' || c || ': nullable') FROM pg_catalog.unnest(ARRAY['temperature', 'humidity', 'contract_address', 'tx_hash', 'block_number']::name[]) AS c;
SELECT ok(pg_catalog.col_description('trace.checkpoints'::regclass, a.attnum) IS NOT NULL, 'trace.checkpoints.' || a.attname || ': has a comment')
  FROM pg_catalog.pg_attribute AS a WHERE a.attrelid = 'trace.checkpoints'::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum;
SELECT set_eq($$SELECT conname::text FROM pg_catalog.pg_constraint WHERE conrelid = 'trace.checkpoints'::regclass$$,
              ARRAY['checkpoints_additional_data_check', 'checkpoints_block_number_check', 'checkpoints_checkpoint_index_check', 'checkpoints_contract_address_check', 'checkpoints_humidity_check', 'checkpoints_id_product_id_key', 'checkpoints_location_check', 'checkpoints_pkey', 'checkpoints_product_id_fkey', 'checkpoints_product_index_key', 'checkpoints_stakeholder_of_product_fkey', 'checkpoints_temperature_check', 'checkpoints_tx_hash_check', 'checkpoints_tx_hash_key'], 'trace.checkpoints: constraints ' || 'checkpoints_additional_data_check, checkpoints_block_number_check, checkpoints_checkpoint_index_check, checkpoints_contract_address_check, checkpoints_humidity_check, checkpoints_id_product_id_key, checkpoints_location_check, checkpoints_pkey, checkpoints_product_id_fkey, checkpoints_product_index_key, checkpoints_stakeholder_of_product_fkey, checkpoints_temperature_check, checkpoints_tx_hash_check, checkpoints_tx_hash_key');
SELECT indexes_are('trace', 'checkpoints', ARRAY['checkpoints_additional_data_idx', 'checkpoints_id_product_id_key', 'checkpoints_location_idx', 'checkpoints_pkey', 'checkpoints_product_id_timestamp_idx', 'checkpoints_product_index_key', 'checkpoints_stakeholder_id_idx', 'checkpoints_status_idx', 'checkpoints_timestamp_idx', 'checkpoints_tx_hash_key']::name[], 'trace.checkpoints: indexes ' || 'checkpoints_additional_data_idx, checkpoints_id_product_id_key, checkpoints_location_idx, checkpoints_pkey, checkpoints_product_id_timestamp_idx, checkpoints_product_index_key, checkpoints_stakeholder_id_idx, checkpoints_status_idx, checkpoints_timestamp_idx, checkpoints_tx_hash_key');
SELECT is(pg_catalog.pg_get_indexdef('trace.checkpoints_additional_data_idx'::regclass), 'CREATE INDEX checkpoints_additional_data_idx ON trace.checkpoints USING gin (additional_data jsonb_path_ops)', 'trace.checkpoints.checkpoints_additional_data_idx: definition');
SELECT is(pg_catalog.pg_get_indexdef('trace.checkpoints_id_product_id_key'::regclass), 'CREATE UNIQUE INDEX checkpoints_id_product_id_key ON trace.checkpoints USING btree (id, product_id)', 'trace.checkpoints.checkpoints_id_product_id_key: definition');
SELECT is(pg_catalog.pg_get_indexdef('trace.checkpoints_location_idx'::regclass), 'CREATE INDEX checkpoints_location_idx ON trace.checkpoints USING btree (location)', 'trace.checkpoints.checkpoints_location_idx: definition');
SELECT is(pg_catalog.pg_get_indexdef('trace.checkpoints_pkey'::regclass), 'CREATE UNIQUE INDEX checkpoints_pkey ON trace.checkpoints USING btree (id)', 'trace.checkpoints.checkpoints_pkey: definition');
SELECT is(pg_catalog.pg_get_indexdef('trace.checkpoints_product_id_timestamp_idx'::regclass), 'CREATE INDEX checkpoints_product_id_timestamp_idx ON trace.checkpoints USING btree (product_id, "timestamp")', 'trace.checkpoints.checkpoints_product_id_timestamp_idx: definition');
SELECT is(pg_catalog.pg_get_indexdef('trace.checkpoints_product_index_key'::regclass), 'CREATE UNIQUE INDEX checkpoints_product_index_key ON trace.checkpoints USING btree (product_id, checkpoint_index)', 'trace.checkpoints.checkpoints_product_index_key: definition');
SELECT is(pg_catalog.pg_get_indexdef('trace.checkpoints_stakeholder_id_idx'::regclass), 'CREATE INDEX checkpoints_stakeholder_id_idx ON trace.checkpoints USING btree (stakeholder_id, product_id)', 'trace.checkpoints.checkpoints_stakeholder_id_idx: definition');
SELECT is(pg_catalog.pg_get_indexdef('trace.checkpoints_status_idx'::regclass), 'CREATE INDEX checkpoints_status_idx ON trace.checkpoints USING btree (status)', 'trace.checkpoints.checkpoints_status_idx: definition');
SELECT is(pg_catalog.pg_get_indexdef('trace.checkpoints_timestamp_idx'::regclass), 'CREATE INDEX checkpoints_timestamp_idx ON trace.checkpoints USING btree ("timestamp")', 'trace.checkpoints.checkpoints_timestamp_idx: definition');
SELECT is(pg_catalog.pg_get_indexdef('trace.checkpoints_tx_hash_key'::regclass), 'CREATE UNIQUE INDEX checkpoints_tx_hash_key ON trace.checkpoints USING btree (tx_hash)', 'trace.checkpoints.checkpoints_tx_hash_key: definition');
SELECT triggers_are('trace', 'checkpoints', ARRAY['audit_capture', 'audit_capture_truncate', 'checkpoints_assign_index', 'checkpoints_chain_delete', 'checkpoints_chain_insert', 'checkpoints_chain_truncate', 'checkpoints_chain_update', 'checkpoints_lock_chain']::name[], 'trace.checkpoints: triggers ' || 'audit_capture, audit_capture_truncate, checkpoints_assign_index, checkpoints_chain_delete, checkpoints_chain_insert, checkpoints_chain_truncate, checkpoints_chain_update, checkpoints_lock_chain');
SELECT trigger_is('trace', 'checkpoints', 'audit_capture', 'audit', 'capture', 'trace.checkpoints.audit_capture: calls audit.capture()');
SELECT trigger_is('trace', 'checkpoints', 'audit_capture_truncate', 'audit', 'capture_statement', 'trace.checkpoints.audit_capture_truncate: calls audit.capture_statement()');
SELECT trigger_is('trace', 'checkpoints', 'checkpoints_assign_index', 'trace', 'checkpoints_before_write', 'trace.checkpoints.checkpoints_assign_index: calls trace.checkpoints_before_write()');
SELECT trigger_is('trace', 'checkpoints', 'checkpoints_chain_delete', 'trace', 'checkpoints_maintain_chain', 'trace.checkpoints.checkpoints_chain_delete: calls trace.checkpoints_maintain_chain()');
SELECT trigger_is('trace', 'checkpoints', 'checkpoints_chain_insert', 'trace', 'checkpoints_maintain_chain', 'trace.checkpoints.checkpoints_chain_insert: calls trace.checkpoints_maintain_chain()');
SELECT trigger_is('trace', 'checkpoints', 'checkpoints_chain_truncate', 'trace', 'checkpoints_maintain_chain', 'trace.checkpoints.checkpoints_chain_truncate: calls trace.checkpoints_maintain_chain()');
SELECT trigger_is('trace', 'checkpoints', 'checkpoints_chain_update', 'trace', 'checkpoints_maintain_chain', 'trace.checkpoints.checkpoints_chain_update: calls trace.checkpoints_maintain_chain()');
SELECT trigger_is('trace', 'checkpoints', 'checkpoints_lock_chain', 'trace', 'checkpoints_before_write', 'trace.checkpoints.checkpoints_lock_chain: calls trace.checkpoints_before_write()');
SELECT ok((SELECT relrowsecurity AND relforcerowsecurity FROM pg_catalog.pg_class WHERE oid = 'trace.checkpoints'::regclass), 'trace.checkpoints: RLS enabled and forced');
SELECT policies_are('trace', 'checkpoints', ARRAY['checkpoints_delete_app', 'checkpoints_insert_app', 'checkpoints_insert_stakeholder', 'checkpoints_select_all', 'checkpoints_select_app', 'checkpoints_select_owner', 'checkpoints_select_readonly', 'checkpoints_update_app']::name[], 'trace.checkpoints: policies');
SELECT policy_cmd_is('trace', 'checkpoints', 'checkpoints_delete_app'::name, 'delete', 'trace.checkpoints.checkpoints_delete_app: FOR delete');
SELECT policy_roles_are('trace', 'checkpoints', 'checkpoints_delete_app', ARRAY['chain_app']::name[], 'trace.checkpoints.checkpoints_delete_app: TO chain_app');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polrelid = 'trace.checkpoints'::regclass AND polname = 'checkpoints_delete_app'), 'pg_policy') IS NOT NULL, 'trace.checkpoints.checkpoints_delete_app: has a comment');
SELECT policy_cmd_is('trace', 'checkpoints', 'checkpoints_insert_app'::name, 'insert', 'trace.checkpoints.checkpoints_insert_app: FOR insert');
SELECT policy_roles_are('trace', 'checkpoints', 'checkpoints_insert_app', ARRAY['chain_app']::name[], 'trace.checkpoints.checkpoints_insert_app: TO chain_app');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polrelid = 'trace.checkpoints'::regclass AND polname = 'checkpoints_insert_app'), 'pg_policy') IS NOT NULL, 'trace.checkpoints.checkpoints_insert_app: has a comment');
SELECT policy_cmd_is('trace', 'checkpoints', 'checkpoints_insert_stakeholder'::name, 'insert', 'trace.checkpoints.checkpoints_insert_stakeholder: FOR insert');
SELECT policy_roles_are('trace', 'checkpoints', 'checkpoints_insert_stakeholder', ARRAY['chain_user']::name[], 'trace.checkpoints.checkpoints_insert_stakeholder: TO chain_user');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polrelid = 'trace.checkpoints'::regclass AND polname = 'checkpoints_insert_stakeholder'), 'pg_policy') IS NOT NULL, 'trace.checkpoints.checkpoints_insert_stakeholder: has a comment');
SELECT policy_cmd_is('trace', 'checkpoints', 'checkpoints_select_all'::name, 'select', 'trace.checkpoints.checkpoints_select_all: FOR select');
SELECT policy_roles_are('trace', 'checkpoints', 'checkpoints_select_all', ARRAY['chain_user']::name[], 'trace.checkpoints.checkpoints_select_all: TO chain_user');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polrelid = 'trace.checkpoints'::regclass AND polname = 'checkpoints_select_all'), 'pg_policy') IS NOT NULL, 'trace.checkpoints.checkpoints_select_all: has a comment');
SELECT policy_cmd_is('trace', 'checkpoints', 'checkpoints_select_app'::name, 'select', 'trace.checkpoints.checkpoints_select_app: FOR select');
SELECT policy_roles_are('trace', 'checkpoints', 'checkpoints_select_app', ARRAY['chain_app']::name[], 'trace.checkpoints.checkpoints_select_app: TO chain_app');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polrelid = 'trace.checkpoints'::regclass AND polname = 'checkpoints_select_app'), 'pg_policy') IS NOT NULL, 'trace.checkpoints.checkpoints_select_app: has a comment');
SELECT policy_cmd_is('trace', 'checkpoints', 'checkpoints_select_owner'::name, 'select', 'trace.checkpoints.checkpoints_select_owner: FOR select');
SELECT policy_roles_are('trace', 'checkpoints', 'checkpoints_select_owner', ARRAY['chain_owner']::name[], 'trace.checkpoints.checkpoints_select_owner: TO chain_owner');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polrelid = 'trace.checkpoints'::regclass AND polname = 'checkpoints_select_owner'), 'pg_policy') IS NOT NULL, 'trace.checkpoints.checkpoints_select_owner: has a comment');
SELECT policy_cmd_is('trace', 'checkpoints', 'checkpoints_select_readonly'::name, 'select', 'trace.checkpoints.checkpoints_select_readonly: FOR select');
SELECT policy_roles_are('trace', 'checkpoints', 'checkpoints_select_readonly', ARRAY['chain_readonly']::name[], 'trace.checkpoints.checkpoints_select_readonly: TO chain_readonly');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polrelid = 'trace.checkpoints'::regclass AND polname = 'checkpoints_select_readonly'), 'pg_policy') IS NOT NULL, 'trace.checkpoints.checkpoints_select_readonly: has a comment');
SELECT policy_cmd_is('trace', 'checkpoints', 'checkpoints_update_app'::name, 'update', 'trace.checkpoints.checkpoints_update_app: FOR update');
SELECT policy_roles_are('trace', 'checkpoints', 'checkpoints_update_app', ARRAY['chain_app']::name[], 'trace.checkpoints.checkpoints_update_app: TO chain_app');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polrelid = 'trace.checkpoints'::regclass AND polname = 'checkpoints_update_app'), 'pg_policy') IS NOT NULL, 'trace.checkpoints.checkpoints_update_app: has a comment');
SELECT table_privs_are('trace', 'checkpoints', 'chain_app', ARRAY['DELETE', 'INSERT', 'SELECT', 'UPDATE'], 'trace.checkpoints: chain_app has DELETE, INSERT, SELECT, UPDATE');
SELECT table_privs_are('trace', 'checkpoints', 'chain_user', ARRAY['SELECT'], 'trace.checkpoints: chain_user has SELECT');
SELECT table_privs_are('trace', 'checkpoints', 'chain_readonly', ARRAY['SELECT'], 'trace.checkpoints: chain_readonly has SELECT');
SELECT table_privs_are('trace', 'checkpoints', 'chain_analytics', ARRAY[]::text[], 'trace.checkpoints: chain_analytics has nothing');
SELECT table_privs_are('trace', 'checkpoints', 'public', ARRAY[]::text[], 'trace.checkpoints: public has nothing');
SELECT set_eq($$SELECT a.attname || ': ' || string_agg(x.privilege_type || ' to ' || x.grantee::regrole::text, ', ' ORDER BY x.grantee::regrole::text, x.privilege_type) FROM pg_catalog.pg_attribute AS a, pg_catalog.aclexplode(a.attacl) AS x WHERE a.attrelid = 'trace.checkpoints'::regclass AND a.attacl IS NOT NULL GROUP BY a.attname$$,
              ARRAY['product_id: INSERT to chain_user', 'checkpoint_index: INSERT to chain_user', 'timestamp: INSERT to chain_user', 'location: INSERT to chain_user', 'stakeholder_id: INSERT to chain_user', 'status: INSERT to chain_user', 'temperature: INSERT to chain_user', 'humidity: INSERT to chain_user', 'additional_data: INSERT to chain_user'], 'trace.checkpoints: column privileges');
SELECT has_function('trace', 'lock_product_chain', ARRAY['bigint']::name[], 'trace.lock_product_chain(): exists');
SELECT function_owner_is('trace', 'lock_product_chain', ARRAY['bigint']::name[], 'chain_owner', 'trace.lock_product_chain(): owned by chain_owner');
SELECT isnt_definer('trace', 'lock_product_chain', ARRAY['bigint']::name[], 'trace.lock_product_chain(): SECURITY INVOKER');
SELECT volatility_is('trace', 'lock_product_chain', ARRAY['bigint']::name[], 'volatile', 'trace.lock_product_chain(): volatile');
SELECT is(pg_catalog.pg_get_function_result('trace.lock_product_chain(bigint)'::regprocedure), 'void', 'trace.lock_product_chain(): returns ' || 'void');
SELECT ok(pg_catalog.obj_description('trace.lock_product_chain(bigint)'::regprocedure, 'pg_proc') IS NOT NULL, 'trace.lock_product_chain(): has a comment');
SELECT ok((SELECT 'search_path=pg_catalog, pg_temp' = ANY (proconfig) FROM pg_catalog.pg_proc WHERE oid = 'trace.lock_product_chain(bigint)'::regprocedure), 'trace.lock_product_chain(): search_path pinned');
SELECT function_privs_are('trace', 'lock_product_chain', ARRAY['bigint']::name[], 'public', ARRAY[]::text[], 'trace.lock_product_chain(): public cannot execute');
SELECT function_privs_are('trace', 'lock_product_chain', ARRAY['bigint']::name[], 'chain_app', ARRAY[]::text[], 'trace.lock_product_chain(): chain_app cannot execute');
SELECT function_privs_are('trace', 'lock_product_chain', ARRAY['bigint']::name[], 'chain_user', ARRAY[]::text[], 'trace.lock_product_chain(): chain_user cannot execute');
SELECT function_privs_are('trace', 'lock_product_chain', ARRAY['bigint']::name[], 'chain_readonly', ARRAY[]::text[], 'trace.lock_product_chain(): chain_readonly cannot execute');
SELECT function_privs_are('trace', 'lock_product_chain', ARRAY['bigint']::name[], 'chain_analytics', ARRAY[]::text[], 'trace.lock_product_chain(): chain_analytics cannot execute');
SELECT has_function('trace', 'checkpoints_before_write', ARRAY[]::name[], 'trace.checkpoints_before_write(): exists');
SELECT function_owner_is('trace', 'checkpoints_before_write', ARRAY[]::name[], 'chain_owner', 'trace.checkpoints_before_write(): owned by chain_owner');
SELECT is_definer('trace', 'checkpoints_before_write', ARRAY[]::name[], 'trace.checkpoints_before_write(): SECURITY DEFINER');
SELECT volatility_is('trace', 'checkpoints_before_write', ARRAY[]::name[], 'volatile', 'trace.checkpoints_before_write(): volatile');
SELECT is(pg_catalog.pg_get_function_result('trace.checkpoints_before_write()'::regprocedure), 'trigger', 'trace.checkpoints_before_write(): returns ' || 'trigger');
SELECT ok(pg_catalog.obj_description('trace.checkpoints_before_write()'::regprocedure, 'pg_proc') IS NOT NULL, 'trace.checkpoints_before_write(): has a comment');
SELECT ok((SELECT 'search_path=pg_catalog, pg_temp' = ANY (proconfig) FROM pg_catalog.pg_proc WHERE oid = 'trace.checkpoints_before_write()'::regprocedure), 'trace.checkpoints_before_write(): search_path pinned');
SELECT function_privs_are('trace', 'checkpoints_before_write', ARRAY[]::name[], 'public', ARRAY[]::text[], 'trace.checkpoints_before_write(): public cannot execute');
SELECT function_privs_are('trace', 'checkpoints_before_write', ARRAY[]::name[], 'chain_app', ARRAY[]::text[], 'trace.checkpoints_before_write(): chain_app cannot execute');
SELECT function_privs_are('trace', 'checkpoints_before_write', ARRAY[]::name[], 'chain_user', ARRAY[]::text[], 'trace.checkpoints_before_write(): chain_user cannot execute');
SELECT function_privs_are('trace', 'checkpoints_before_write', ARRAY[]::name[], 'chain_readonly', ARRAY[]::text[], 'trace.checkpoints_before_write(): chain_readonly cannot execute');
SELECT function_privs_are('trace', 'checkpoints_before_write', ARRAY[]::name[], 'chain_analytics', ARRAY[]::text[], 'trace.checkpoints_before_write(): chain_analytics cannot execute');

-- fixture, inserted as the test's owner: three users; product 100 of user 1 with user 2 as distributor; product 101 of user 3
INSERT INTO core.users (id, wallet_address) OVERRIDING SYSTEM VALUE VALUES
    (1, '0x1111111111111111111111111111111111111111'),
    (2, '0x2222222222222222222222222222222222222222'),
    (3, '0x3333333333333333333333333333333333333333');
INSERT INTO trace.products (product_id, product_name, product_type, manufacturer_id, batch_number, manufacture_date)
VALUES (100, 'Aspirin', 'pharmaceutical', 1, 'B-1', '2026-01-01'), (101, 'Coffee', 'food', 3, 'C-1', '2026-01-01');
INSERT INTO trace.stakeholders (id, product_id, user_id, role, added_by) OVERRIDING SYSTEM VALUE VALUES (50, 100, 2, 'distributor', 1);
-- s100: the manufacturer stakeholder of product 100
CREATE TEMP TABLE ids AS SELECT (SELECT id FROM trace.stakeholders WHERE product_id = 100 AND role = 'manufacturer') AS s100,
                                (SELECT id FROM trace.stakeholders WHERE product_id = 101) AS s101;
GRANT SELECT ON ids TO PUBLIC;
INSERT INTO trace.checkpoints (product_id, "timestamp", location, stakeholder_id, status)
SELECT 100, '2026-01-02', 'Plant', s100, 'manufactured' FROM ids;

-- behaviour: constraints
SELECT is((SELECT checkpoint_index FROM trace.checkpoints WHERE location = 'Plant'), 0, 'trace.checkpoints_before_write(): the first checkpoint of a product gets index 0');
INSERT INTO trace.checkpoints (product_id, "timestamp", location, stakeholder_id, status) VALUES (100, '2026-01-03', 'Port', 50, 'shipped');
SELECT is((SELECT checkpoint_index FROM trace.checkpoints WHERE location = 'Port'), 1, 'trace.checkpoints_before_write(): the next free index when none is given');
INSERT INTO trace.checkpoints (product_id, checkpoint_index, "timestamp", location, stakeholder_id, status) VALUES (100, 7, '2026-01-04', 'Depot', 50, 'stored');
SELECT is((SELECT checkpoint_index FROM trace.checkpoints WHERE location = 'Depot'), 7, 'trace.checkpoints_before_write(): a given index is kept');
SELECT throws_ok($$INSERT INTO trace.checkpoints (product_id, checkpoint_index, "timestamp", location, stakeholder_id, status) VALUES (100, 7, now(), 'X', 50, 'stored')$$,
                 '23505', NULL, 'trace.checkpoints.checkpoints_product_index_key: rejects an index twice for a product');
SELECT throws_ok($$INSERT INTO trace.checkpoints (product_id, checkpoint_index, "timestamp", location, stakeholder_id, status) VALUES (100, -1, now(), 'X', 50, 'stored')$$,
                 '23514', NULL, 'trace.checkpoints.checkpoints_checkpoint_index_check: rejects a negative index');
SELECT throws_ok($$INSERT INTO trace.checkpoints (product_id, "timestamp", location, stakeholder_id, status) SELECT 100, now(), 'X', s101, 'stored' FROM ids$$,
                 '23503', NULL, 'trace.checkpoints.checkpoints_stakeholder_of_product_fkey: rejects a stakeholder of another product');
SELECT throws_ok($$INSERT INTO trace.checkpoints (product_id, "timestamp", location, stakeholder_id, status) VALUES (999, now(), 'X', 50, 'stored')$$,
                 '23503', NULL, 'trace.checkpoints.checkpoints_product_id_fkey: rejects an unknown product');
SELECT throws_ok($$INSERT INTO trace.checkpoints (product_id, "timestamp", location, stakeholder_id, status) VALUES (100, now(), '', 50, 'stored')$$,
                 '23514', NULL, 'trace.checkpoints.checkpoints_location_check: rejects an empty location');
SELECT throws_ok($$INSERT INTO trace.checkpoints (product_id, "timestamp", location, stakeholder_id, status, temperature) VALUES (100, now(), 'X', 50, 'stored', 100.01)$$,
                 '23514', NULL, 'trace.checkpoints.checkpoints_temperature_check: rejects above 100 °C');
SELECT throws_ok($$INSERT INTO trace.checkpoints (product_id, "timestamp", location, stakeholder_id, status, temperature) VALUES (100, now(), 'X', 50, 'stored', -100.01)$$,
                 '23514', NULL, 'trace.checkpoints.checkpoints_temperature_check: rejects below -100 °C');
SELECT throws_ok($$INSERT INTO trace.checkpoints (product_id, "timestamp", location, stakeholder_id, status, humidity) VALUES (100, now(), 'X', 50, 'stored', 100.5)$$,
                 '23514', NULL, 'trace.checkpoints.checkpoints_humidity_check: rejects above 100 %');
SELECT throws_ok($$INSERT INTO trace.checkpoints (product_id, "timestamp", location, stakeholder_id, status, humidity) VALUES (100, now(), 'X', 50, 'stored', -0.5)$$,
                 '23514', NULL, 'trace.checkpoints.checkpoints_humidity_check: rejects negative humidity');
SELECT lives_ok($$INSERT INTO trace.checkpoints (product_id, "timestamp", location, stakeholder_id, status, temperature, humidity) VALUES (100, '2026-01-05', 'Edge', 50, 'in_transit', -100, 100)$$,
                'trace.checkpoints: accepts the range edges -100 °C and 100 %');
SELECT throws_ok($$INSERT INTO trace.checkpoints (product_id, "timestamp", location, stakeholder_id, status, additional_data) VALUES (100, now(), 'X', 50, 'stored', '[1]')$$,
                 '23514', NULL, 'trace.checkpoints.checkpoints_additional_data_check: rejects a non-object');
SELECT throws_ok($$INSERT INTO trace.checkpoints (product_id, "timestamp", location, stakeholder_id, status, contract_address) VALUES (100, now(), 'X', 50, 'stored', '0x1')$$,
                 '23514', NULL, 'trace.checkpoints.checkpoints_contract_address_check: rejects a malformed address');
SELECT throws_ok($$INSERT INTO trace.checkpoints (product_id, "timestamp", location, stakeholder_id, status, tx_hash) VALUES (100, now(), 'X', 50, 'stored', 'abc')$$,
                 '23514', NULL, 'trace.checkpoints.checkpoints_tx_hash_check: rejects a malformed hash');
UPDATE trace.checkpoints SET tx_hash = '0x' || repeat('b', 64) WHERE location = 'Port';
SELECT throws_ok($$INSERT INTO trace.checkpoints (product_id, "timestamp", location, stakeholder_id, status, tx_hash) VALUES (100, now(), 'X', 50, 'stored', '0x' || repeat('b', 64))$$,
                 '23505', NULL, 'trace.checkpoints.checkpoints_tx_hash_key: rejects a hash twice');
SELECT throws_ok($$INSERT INTO trace.checkpoints (product_id, "timestamp", location, stakeholder_id, status, block_number) VALUES (100, now(), 'X', 50, 'stored', -1)$$,
                 '23514', NULL, 'trace.checkpoints.checkpoints_block_number_check: rejects a negative block');
SELECT throws_ok($$INSERT INTO trace.checkpoints (product_id, "timestamp", location, stakeholder_id, status) VALUES (100, now(), 'X', 50, 'teleported')$$,
                 '22P02', NULL, 'trace.checkpoints.status: rejects an unknown status');
SELECT throws_ok($$UPDATE trace.checkpoints SET product_id = 101 WHERE location = 'Port'$$,
                 '23514', 'trace.checkpoints: checkpoint ' || (SELECT id FROM trace.checkpoints WHERE location = 'Port') || ' cannot move from product 100 to product 101',
                 'trace.checkpoints.checkpoints_lock_chain: rejects moving a checkpoint to another product');
SELECT throws_ok($$DELETE FROM trace.products WHERE product_id = 100$$, '23503', NULL, 'trace.checkpoints.checkpoints_product_id_fkey: a product with checkpoints cannot be deleted (history)');
SELECT throws_ok($$DELETE FROM trace.stakeholders WHERE id = 50$$, '23503', NULL, 'trace.checkpoints.checkpoints_stakeholder_of_product_fkey: a stakeholder who recorded checkpoints cannot be removed');
SELECT lives_ok($$SELECT trace.lock_product_chain(100)$$, 'trace.lock_product_chain(): takes the product''s lock (re-entrant in one transaction)');
SELECT ok(EXISTS (SELECT 1 FROM pg_catalog.pg_locks WHERE locktype = 'advisory' AND pid = pg_catalog.pg_backend_pid() AND mode = 'ExclusiveLock'),
          'trace.lock_product_chain(): an exclusive transaction-level advisory lock');
SELECT is((SELECT pg_catalog.count(*)::int FROM audit.logs WHERE table_schema = 'trace' AND table_name = 'checkpoints'), 5,
          'trace.checkpoints.audit_capture: inserts and updates are audited');

-- behaviour: RLS
SELECT tests.act_as(3);
SELECT is((SELECT pg_catalog.count(*)::int FROM trace.checkpoints), 4, 'trace.checkpoints.checkpoints_select_all: an end user reads every checkpoint');
SELECT throws_ok($$INSERT INTO trace.checkpoints (product_id, "timestamp", location, stakeholder_id, status) VALUES (100, now(), 'X', 50, 'sold')$$,
                 '42501', NULL, 'trace.checkpoints.checkpoints_insert_stakeholder: rejects recording as another user''s stakeholder');
SELECT tests.act_as(2);
SELECT lives_ok($$INSERT INTO trace.checkpoints (product_id, "timestamp", location, stakeholder_id, status) VALUES (100, '2026-01-06', 'Shop', 50, 'received')$$,
                'trace.checkpoints.checkpoints_insert_stakeholder: a stakeholder records a checkpoint of its product');
SELECT throws_ok($$INSERT INTO trace.checkpoints (product_id, "timestamp", location, stakeholder_id, status, tx_hash) VALUES (100, now(), 'X', 50, 'sold', NULL)$$,
                 '42501', NULL, 'trace.checkpoints: an end user may not write chain columns (column privileges)');
SELECT throws_ok($$UPDATE trace.checkpoints SET location = 'Moved' WHERE stakeholder_id = 50$$, '42501', NULL, 'trace.checkpoints: an end user cannot update history');
SELECT throws_ok($$DELETE FROM trace.checkpoints WHERE stakeholder_id = 50$$, '42501', NULL, 'trace.checkpoints: an end user cannot delete history');
SELECT tests.reset_role();
UPDATE trace.stakeholders SET is_active = false WHERE id = 50;
SELECT tests.act_as(2);
SELECT throws_ok($$INSERT INTO trace.checkpoints (product_id, "timestamp", location, stakeholder_id, status) VALUES (100, now(), 'X', 50, 'sold')$$,
                 '42501', NULL, 'trace.checkpoints.checkpoints_insert_stakeholder: rejects an inactive stakeholder');
SELECT tests.act_as_role('chain_readonly');
SELECT is((SELECT pg_catalog.count(*)::int FROM trace.checkpoints), 5, 'trace.checkpoints.checkpoints_select_readonly: reporting reads every checkpoint');
SELECT tests.act_as_role('chain_app');
SELECT is((SELECT pg_catalog.count(*)::int FROM trace.checkpoints), 5, 'trace.checkpoints.checkpoints_select_app: the backend reads every checkpoint');
SELECT lives_ok($$INSERT INTO trace.checkpoints (product_id, "timestamp", location, stakeholder_id, status) SELECT 101, now(), 'Farm', s101, 'manufactured' FROM ids$$,
                'trace.checkpoints.checkpoints_insert_app: the backend records checkpoints');
SELECT lives_ok($$UPDATE trace.checkpoints SET location = 'Farm A' WHERE product_id = 101$$, 'trace.checkpoints.checkpoints_update_app: the backend corrects checkpoints');
SELECT lives_ok($$DELETE FROM trace.checkpoints WHERE product_id = 101$$, 'trace.checkpoints.checkpoints_delete_app: the backend removes checkpoints');
SELECT tests.reset_role();
SET LOCAL ROLE chain_owner;
SELECT is((SELECT pg_catalog.count(*)::int FROM trace.checkpoints), 5, 'trace.checkpoints.checkpoints_select_owner: chain_owner reads every checkpoint');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
