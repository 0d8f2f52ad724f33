-- pgTAP: trace/products — structure, constraints, privileges and RLS of trace.products.
BEGIN;
SELECT plan(160);

-- the project's conventions (docs/conventions.md)
SELECT tests.table_conventions('trace.products');

-- structure (from the deployed catalog)
SELECT has_table('trace', 'products', 'trace.products: exists');
SELECT table_owner_is('trace', 'products', 'chain_owner', 'trace.products: owned by chain_owner');
SELECT ok(pg_catalog.obj_description('trace.products'::regclass, 'pg_class') IS NOT NULL, 'trace.products: has a comment');
SELECT columns_are('trace', 'products', ARRAY['product_id', 'product_name', 'product_type', 'manufacturer_id', 'batch_number', 'manufacture_date', 'expiry_date', 'raw_materials', 'is_active', 'metadata_uri', 'contract_address', 'tx_hash', 'block_number', 'deactivated_at', 'deactivated_by', 'created_at', 'updated_at', 'search_vector'], 'trace.products: exactly these columns');
SELECT col_type_is('trace', 'products', c, ty, 'trace.products.' || c || ': ' || ty)
  FROM (VALUES ('product_id', 'bigint'), ('product_name', 'text'), ('product_type', 'trace.product_type'), ('manufacturer_id', 'bigint'), ('batch_number', 'text'), ('manufacture_date', 'timestamp with time zone'), ('expiry_date', 'timestamp with time zone'), ('raw_materials', 'text[]'), ('is_active', 'boolean'), ('metadata_uri', 'text'), ('contract_address', 'text'), ('tx_hash', 'text'), ('block_number', 'bigint'), ('deactivated_at', 'timestamp with time zone'), ('deactivated_by', 'bigint'), ('created_at', 'timestamp with time zone'), ('updated_at', 'timestamp with time zone'), ('search_vector', 'tsvector')) AS v (c, ty);
SELECT col_not_null('trace', 'products', c, 'trace.products.' || c || ': not null') FROM pg_catalog.unnest(ARRAY['product_id', 'product_name', 'product_type', 'manufacturer_id', 'batch_number', 'manufacture_date', 'raw_materials', 'is_active', 'created_at', 'updated_at', 'search_vector']::name[]) AS c;
SELECT col_is_null('trace', 'products', c, 'trace.products.' || c || ': nullable') FROM pg_catalog.unnest(ARRAY['expiry_date', 'metadata_uri', 'contract_address', 'tx_hash', 'block_number', 'deactivated_at', 'deactivated_by']::name[]) AS c;
SELECT ok(pg_catalog.col_description('trace.products'::regclass, a.attnum) IS NOT NULL, 'trace.products.' || a.attname || ': has a comment')
  FROM pg_catalog.pg_attribute AS a WHERE a.attrelid = 'trace.products'::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum;
SELECT set_eq($$SELECT conname::text FROM pg_catalog.pg_constraint WHERE conrelid = 'trace.products'::regclass$$,
              ARRAY['products_batch_number_check', 'products_block_number_check', 'products_contract_address_check', 'products_deactivated_by_fkey', 'products_deactivation_consistent', 'products_expiry_after_manufacture', 'products_manufacturer_batch_key', 'products_manufacturer_id_fkey', 'products_metadata_uri_check', 'products_pkey', 'products_product_id_check', 'products_product_name_check', 'products_tx_hash_check', 'products_tx_hash_key'], 'trace.products: constraints ' || 'products_batch_number_check, products_block_number_check, products_contract_address_check, products_deactivated_by_fkey, products_deactivation_consistent, products_expiry_after_manufacture, products_manufacturer_batch_key, products_manufacturer_id_fkey, products_metadata_uri_check, products_pkey, products_product_id_check, products_product_name_check, products_tx_hash_check, products_tx_hash_key');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_constraint WHERE conrelid = 'trace.products'::regclass AND conname = 'products_deactivation_consistent'), 'pg_constraint') IS NOT NULL, 'trace.products.products_deactivation_consistent: has a comment');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_constraint WHERE conrelid = 'trace.products'::regclass AND conname = 'products_expiry_after_manufacture'), 'pg_constraint') IS NOT NULL, 'trace.products.products_expiry_after_manufacture: has a comment');
SELECT indexes_are('trace', 'products', ARRAY['products_active_manufacturer_idx', 'products_active_type_idx', 'products_batch_number_idx', 'products_created_at_idx', 'products_deactivated_by_idx', 'products_expiry_date_idx', 'products_manufacture_date_idx', 'products_manufacturer_batch_key', 'products_manufacturer_id_idx', 'products_pkey', 'products_product_type_idx', 'products_search_vector_idx', 'products_tx_hash_key']::name[], 'trace.products: indexes ' || 'products_active_manufacturer_idx, products_active_type_idx, products_batch_number_idx, products_created_at_idx, products_deactivated_by_idx, products_expiry_date_idx, products_manufacture_date_idx, products_manufacturer_batch_key, products_manufacturer_id_idx, products_pkey, products_product_type_idx, products_search_vector_idx, products_tx_hash_key');
SELECT is(pg_catalog.pg_get_indexdef('trace.products_active_manufacturer_idx'::regclass), 'CREATE INDEX products_active_manufacturer_idx ON trace.products USING btree (manufacturer_id) WHERE is_active', 'trace.products.products_active_manufacturer_idx: definition');
SELECT is(pg_catalog.pg_get_indexdef('trace.products_active_type_idx'::regclass), 'CREATE INDEX products_active_type_idx ON trace.products USING btree (product_type) WHERE is_active', 'trace.products.products_active_type_idx: definition');
SELECT is(pg_catalog.pg_get_indexdef('trace.products_batch_number_idx'::regclass), 'CREATE INDEX products_batch_number_idx ON trace.products USING btree (batch_number)', 'trace.products.products_batch_number_idx: definition');
SELECT is(pg_catalog.pg_get_indexdef('trace.products_created_at_idx'::regclass), 'CREATE INDEX products_created_at_idx ON trace.products USING btree (created_at)', 'trace.products.products_created_at_idx: definition');
SELECT is(pg_catalog.pg_get_indexdef('trace.products_deactivated_by_idx'::regclass), 'CREATE INDEX products_deactivated_by_idx ON trace.products USING btree (deactivated_by)', 'trace.products.products_deactivated_by_idx: definition');
SELECT is(pg_catalog.pg_get_indexdef('trace.products_expiry_date_idx'::regclass), 'CREATE INDEX products_expiry_date_idx ON trace.products USING btree (expiry_date)', 'trace.products.products_expiry_date_idx: definition');
SELECT is(pg_catalog.pg_get_indexdef('trace.products_manufacture_date_idx'::regclass), 'CREATE INDEX products_manufacture_date_idx ON trace.products USING btree (manufacture_date)', 'trace.products.products_manufacture_date_idx: definition');
SELECT is(pg_catalog.pg_get_indexdef('trace.products_manufacturer_batch_key'::regclass), 'CREATE UNIQUE INDEX products_manufacturer_batch_key ON trace.products USING btree (manufacturer_id, batch_number)', 'trace.products.products_manufacturer_batch_key: definition');
SELECT is(pg_catalog.pg_get_indexdef('trace.products_manufacturer_id_idx'::regclass), 'CREATE INDEX products_manufacturer_id_idx ON trace.products USING btree (manufacturer_id)', 'trace.products.products_manufacturer_id_idx: definition');
SELECT is(pg_catalog.pg_get_indexdef('trace.products_pkey'::regclass), 'CREATE UNIQUE INDEX products_pkey ON trace.products USING btree (product_id)', 'trace.products.products_pkey: definition');
SELECT is(pg_catalog.pg_get_indexdef('trace.products_product_type_idx'::regclass), 'CREATE INDEX products_product_type_idx ON trace.products USING btree (product_type)', 'trace.products.products_product_type_idx: definition');
SELECT is(pg_catalog.pg_get_indexdef('trace.products_search_vector_idx'::regclass), 'CREATE INDEX products_search_vector_idx ON trace.products USING gin (search_vector)', 'trace.products.products_search_vector_idx: definition');
SELECT is(pg_catalog.pg_get_indexdef('trace.products_tx_hash_key'::regclass), 'CREATE UNIQUE INDEX products_tx_hash_key ON trace.products USING btree (tx_hash)', 'trace.products.products_tx_hash_key: definition');
SELECT triggers_are('trace', 'products', ARRAY['audit_capture', 'audit_capture_truncate', 'products_add_manufacturer', 'products_set_updated_at']::name[], 'trace.products: triggers ' || 'audit_capture, audit_capture_truncate, products_add_manufacturer, products_set_updated_at');
SELECT trigger_is('trace', 'products', 'audit_capture', 'audit', 'capture', 'trace.products.audit_capture: calls audit.capture()');
SELECT trigger_is('trace', 'products', 'audit_capture_truncate', 'audit', 'capture_statement', 'trace.products.audit_capture_truncate: calls audit.capture_statement()');
SELECT trigger_is('trace', 'products', 'products_add_manufacturer', 'trace', 'add_manufacturer_stakeholder', 'trace.products.products_add_manufacturer: calls trace.add_manufacturer_stakeholder()');
SELECT trigger_is('trace', 'products', 'products_set_updated_at', 'core', 'set_updated_at', 'trace.products.products_set_updated_at: calls core.set_updated_at()');
SELECT ok((SELECT relrowsecurity AND relforcerowsecurity FROM pg_catalog.pg_class WHERE oid = 'trace.products'::regclass), 'trace.products: RLS enabled and forced');
SELECT policies_are('trace', 'products', ARRAY['products_delete_app', 'products_insert_app', 'products_insert_own', 'products_select_all', 'products_select_app', 'products_select_owner', 'products_select_readonly', 'products_update_app', 'products_update_own']::name[], 'trace.products: policies');
SELECT policy_cmd_is('trace', 'products', 'products_delete_app'::name, 'delete', 'trace.products.products_delete_app: FOR delete');
SELECT policy_roles_are('trace', 'products', 'products_delete_app', ARRAY['chain_app']::name[], 'trace.products.products_delete_app: TO chain_app');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polrelid = 'trace.products'::regclass AND polname = 'products_delete_app'), 'pg_policy') IS NOT NULL, 'trace.products.products_delete_app: has a comment');
SELECT policy_cmd_is('trace', 'products', 'products_insert_app'::name, 'insert', 'trace.products.products_insert_app: FOR insert');
SELECT policy_roles_are('trace', 'products', 'products_insert_app', ARRAY['chain_app']::name[], 'trace.products.products_insert_app: TO chain_app');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polrelid = 'trace.products'::regclass AND polname = 'products_insert_app'), 'pg_policy') IS NOT NULL, 'trace.products.products_insert_app: has a comment');
SELECT policy_cmd_is('trace', 'products', 'products_insert_own'::name, 'insert', 'trace.products.products_insert_own: FOR insert');
SELECT policy_roles_are('trace', 'products', 'products_insert_own', ARRAY['chain_user']::name[], 'trace.products.products_insert_own: TO chain_user');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polrelid = 'trace.products'::regclass AND polname = 'products_insert_own'), 'pg_policy') IS NOT NULL, 'trace.products.products_insert_own: has a comment');
SELECT policy_cmd_is('trace', 'products', 'products_select_all'::name, 'select', 'trace.products.products_select_all: FOR select');
SELECT policy_roles_are('trace', 'products', 'products_select_all', ARRAY['chain_user']::name[], 'trace.products.products_select_all: TO chain_user');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polrelid = 'trace.products'::regclass AND polname = 'products_select_all'), 'pg_policy') IS NOT NULL, 'trace.products.products_select_all: has a comment');
SELECT policy_cmd_is('trace', 'products', 'products_select_app'::name, 'select', 'trace.products.products_select_app: FOR select');
SELECT policy_roles_are('trace', 'products', 'products_select_app', ARRAY['chain_app']::name[], 'trace.products.products_select_app: TO chain_app');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polrelid = 'trace.products'::regclass AND polname = 'products_select_app'), 'pg_policy') IS NOT NULL, 'trace.products.products_select_app: has a comment');
SELECT policy_cmd_is('trace', 'products', 'products_select_owner'::name, 'select', 'trace.products.products_select_owner: FOR select');
SELECT policy_roles_are('trace', 'products', 'products_select_owner', ARRAY['chain_owner']::name[], 'trace.products.products_select_owner: TO chain_owner');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polrelid = 'trace.products'::regclass AND polname = 'products_select_owner'), 'pg_policy') IS NOT NULL, 'trace.products.products_select_owner: has a comment');
SELECT policy_cmd_is('trace', 'products', 'products_select_readonly'::name, 'select', 'trace.products.products_select_readonly: FOR select');
SELECT policy_roles_are('trace', 'products', 'products_select_readonly', ARRAY['chain_readonly']::name[], 'trace.products.products_select_readonly: TO chain_readonly');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polrelid = 'trace.products'::regclass AND polname = 'products_select_readonly'), 'pg_policy') IS NOT NULL, 'trace.products.products_select_readonly: has a comment');
SELECT policy_cmd_is('trace', 'products', 'products_update_app'::name, 'update', 'trace.products.products_update_app: FOR update');
SELECT policy_roles_are('trace', 'products', 'products_update_app', ARRAY['chain_app']::name[], 'trace.products.products_update_app: TO chain_app');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polrelid = 'trace.products'::regclass AND polname = 'products_update_app'), 'pg_policy') IS NOT NULL, 'trace.products.products_update_app: has a comment');
SELECT policy_cmd_is('trace', 'products', 'products_update_own'::name, 'update', 'trace.products.products_update_own: FOR update');
SELECT policy_roles_are('trace', 'products', 'products_update_own', ARRAY['chain_user']::name[], 'trace.products.products_update_own: TO chain_user');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polrelid = 'trace.products'::regclass AND polname = 'products_update_own'), 'pg_policy') IS NOT NULL, 'trace.products.products_update_own: has a comment');
SELECT table_privs_are('trace', 'products', 'chain_app', ARRAY['DELETE', 'INSERT', 'SELECT', 'UPDATE'], 'trace.products: chain_app has DELETE, INSERT, SELECT, UPDATE');
SELECT table_privs_are('trace', 'products', 'chain_user', ARRAY['SELECT'], 'trace.products: chain_user has SELECT');
SELECT table_privs_are('trace', 'products', 'chain_readonly', ARRAY['SELECT'], 'trace.products: chain_readonly has SELECT');
SELECT table_privs_are('trace', 'products', 'chain_analytics', ARRAY[]::text[], 'trace.products: chain_analytics has nothing');
SELECT table_privs_are('trace', 'products', 'public', ARRAY[]::text[], 'trace.products: public has nothing');
SELECT set_eq($$SELECT a.attname || ': ' || string_agg(x.privilege_type || ' to ' || x.grantee::regrole::text, ', ' ORDER BY x.grantee::regrole::text, x.privilege_type) FROM pg_catalog.pg_attribute AS a, pg_catalog.aclexplode(a.attacl) AS x WHERE a.attrelid = 'trace.products'::regclass AND a.attacl IS NOT NULL GROUP BY a.attname$$,
              ARRAY['product_id: INSERT to chain_user', 'product_name: INSERT to chain_user, UPDATE to chain_user', 'product_type: INSERT to chain_user', 'manufacturer_id: INSERT to chain_user', 'batch_number: INSERT to chain_user', 'manufacture_date: INSERT to chain_user', 'expiry_date: INSERT to chain_user, UPDATE to chain_user', 'raw_materials: INSERT to chain_user, UPDATE to chain_user', 'is_active: UPDATE to chain_user', 'metadata_uri: INSERT to chain_user, UPDATE to chain_user', 'deactivated_at: UPDATE to chain_user', 'deactivated_by: UPDATE to chain_user'], 'trace.products: column privileges');

-- fixture, inserted as the test's owner: three users, one product of user 1
INSERT INTO core.users (id, wallet_address) OVERRIDING SYSTEM VALUE VALUES
    (1, '0x1111111111111111111111111111111111111111'),
    (2, '0x2222222222222222222222222222222222222222'),
    (3, '0x3333333333333333333333333333333333333333');
INSERT INTO trace.products (product_id, product_name, product_type, manufacturer_id, batch_number, manufacture_date)
VALUES (100, 'Aspirin tablets', 'pharmaceutical', 1, 'B-1', '2026-01-01');

-- behaviour: constraints
SELECT throws_ok($$INSERT INTO trace.products (product_id, product_name, product_type, manufacturer_id, batch_number, manufacture_date) VALUES (-1, 'x', 'food', 1, 'B-2', now())$$,
                 '23514', NULL, 'trace.products.products_product_id_check: rejects a negative product_id');
SELECT throws_ok($$INSERT INTO trace.products (product_id, product_name, product_type, manufacturer_id, batch_number, manufacture_date) VALUES (100, 'x', 'food', 2, 'B-9', now())$$,
                 '23505', NULL, 'trace.products.products_pkey: rejects a duplicate product_id');
SELECT throws_ok($$INSERT INTO trace.products (product_id, product_name, product_type, manufacturer_id, batch_number, manufacture_date) VALUES (101, '', 'food', 1, 'B-2', now())$$,
                 '23514', NULL, 'trace.products.products_product_name_check: rejects an empty name');
SELECT throws_ok($$INSERT INTO trace.products (product_id, product_name, product_type, manufacturer_id, batch_number, manufacture_date) VALUES (101, repeat('x', 256), 'food', 1, 'B-2', now())$$,
                 '23514', NULL, 'trace.products.products_product_name_check: rejects a name over 255 characters');
SELECT throws_ok($$INSERT INTO trace.products (product_id, product_name, product_type, manufacturer_id, batch_number, manufacture_date) VALUES (101, 'x', 'food', 1, '', now())$$,
                 '23514', NULL, 'trace.products.products_batch_number_check: rejects an empty batch number');
SELECT throws_ok($$INSERT INTO trace.products (product_id, product_name, product_type, manufacturer_id, batch_number, manufacture_date) VALUES (101, 'x', 'food', 1, 'B-1', now())$$,
                 '23505', NULL, 'trace.products.products_manufacturer_batch_key: rejects a batch number twice for one manufacturer');
SELECT lives_ok($$INSERT INTO trace.products (product_id, product_name, product_type, manufacturer_id, batch_number, manufacture_date) VALUES (101, 'x', 'food', 2, 'B-1', now())$$,
                'trace.products.products_manufacturer_batch_key: another manufacturer may use the same batch number');
SELECT throws_ok($$INSERT INTO trace.products (product_id, product_name, product_type, manufacturer_id, batch_number, manufacture_date, expiry_date) VALUES (102, 'x', 'food', 1, 'B-3', '2026-01-02', '2026-01-01')$$,
                 '23514', NULL, 'trace.products.products_expiry_after_manufacture: rejects an expiry before manufacture');
SELECT throws_ok($$UPDATE trace.products SET is_active = false WHERE product_id = 100$$,
                 '23514', NULL, 'trace.products.products_deactivation_consistent: rejects deactivation without deactivated_at');
SELECT throws_ok($$UPDATE trace.products SET deactivated_at = now() WHERE product_id = 100$$,
                 '23514', NULL, 'trace.products.products_deactivation_consistent: rejects deactivated_at on an active product');
SELECT throws_ok($$UPDATE trace.products SET deactivated_by = 1 WHERE product_id = 100$$,
                 '23514', NULL, 'trace.products.products_deactivation_consistent: rejects deactivated_by without deactivated_at');
SELECT throws_ok($$INSERT INTO trace.products (product_id, product_name, product_type, manufacturer_id, batch_number, manufacture_date, metadata_uri) VALUES (102, 'x', 'food', 1, 'B-3', now(), 'ftp://x')$$,
                 '23514', NULL, 'trace.products.products_metadata_uri_check: rejects an ftp:// URI');
SELECT throws_ok($$INSERT INTO trace.products (product_id, product_name, product_type, manufacturer_id, batch_number, manufacture_date, contract_address) VALUES (102, 'x', 'food', 1, 'B-3', now(), '0xABC')$$,
                 '23514', NULL, 'trace.products.products_contract_address_check: rejects a malformed address');
SELECT throws_ok($$INSERT INTO trace.products (product_id, product_name, product_type, manufacturer_id, batch_number, manufacture_date, tx_hash) VALUES (102, 'x', 'food', 1, 'B-3', now(), '0x12')$$,
                 '23514', NULL, 'trace.products.products_tx_hash_check: rejects a malformed hash');
SELECT throws_ok($$INSERT INTO trace.products (product_id, product_name, product_type, manufacturer_id, batch_number, manufacture_date, block_number) VALUES (102, 'x', 'food', 1, 'B-3', now(), -5)$$,
                 '23514', NULL, 'trace.products.products_block_number_check: rejects a negative block');
UPDATE trace.products SET tx_hash = '0x' || repeat('a', 64) WHERE product_id = 101;
SELECT throws_ok($$INSERT INTO trace.products (product_id, product_name, product_type, manufacturer_id, batch_number, manufacture_date, tx_hash) VALUES (102, 'x', 'food', 1, 'B-3', now(), '0x' || repeat('a', 64))$$,
                 '23505', NULL, 'trace.products.products_tx_hash_key: rejects a registration hash twice');
SELECT throws_ok($$INSERT INTO trace.products (product_id, product_name, product_type, manufacturer_id, batch_number, manufacture_date) VALUES (102, 'x', 'food', 99, 'B-3', now())$$,
                 '23503', NULL, 'trace.products.products_manufacturer_id_fkey: rejects an unknown manufacturer');
SELECT throws_ok($$UPDATE trace.products SET is_active = false, deactivated_at = now(), deactivated_by = 99 WHERE product_id = 100$$,
                 '23503', NULL, 'trace.products.products_deactivated_by_fkey: rejects an unknown deactivating user');
SELECT lives_ok($$UPDATE trace.products SET is_active = false, deactivated_at = now(), deactivated_by = 1 WHERE product_id = 101$$,
                'trace.products: accepts a deactivation with time and user');
UPDATE trace.products SET updated_at = '2000-01-01' WHERE product_id = 100;
SELECT is((SELECT updated_at FROM trace.products WHERE product_id = 100), now(), 'trace.products.products_set_updated_at: fires on update');
SELECT is((SELECT search_vector FROM trace.products WHERE product_id = 100), to_tsvector('english', 'Aspirin tablets'), 'trace.products.search_vector: english document of the name');
SELECT is((SELECT pg_catalog.count(*)::int FROM audit.logs WHERE table_schema = 'trace' AND table_name = 'products'), 4,
          'trace.products.audit_capture: inserts and real updates are audited (not the no-op one)');

-- behaviour: RLS
SELECT tests.act_as(2);
SELECT is((SELECT pg_catalog.count(*)::int FROM trace.products), 2, 'trace.products.products_select_all: an end user reads every product');
SELECT lives_ok($$INSERT INTO trace.products (product_id, product_name, product_type, manufacturer_id, batch_number, manufacture_date) VALUES (200, 'Shirt', 'clothing', 2, 'S-1', now())$$,
                'trace.products.products_insert_own: an end user registers its own product');
SELECT throws_ok($$INSERT INTO trace.products (product_id, product_name, product_type, manufacturer_id, batch_number, manufacture_date) VALUES (201, 'Shirt', 'clothing', 1, 'S-2', now())$$,
                 '42501', NULL, 'trace.products.products_insert_own: rejects registering for another manufacturer');
SELECT throws_ok($$INSERT INTO trace.products (product_id, product_name, product_type, manufacturer_id, batch_number, manufacture_date, tx_hash) VALUES (202, 'Shirt', 'clothing', 2, 'S-3', now(), NULL)$$,
                 '42501', NULL, 'trace.products: an end user may not write chain columns (column privileges)');
SELECT is((SELECT role::text FROM trace.stakeholders WHERE product_id = 200), 'manufacturer', 'trace.products.products_add_manufacturer: the manufacturer becomes a stakeholder even for an end user');
SELECT results_eq($$WITH u AS (UPDATE trace.products SET product_name = 'Linen shirt' WHERE product_id = 200 RETURNING 1) SELECT pg_catalog.count(*)::int FROM u$$,
                  ARRAY[1], 'trace.products.products_update_own: a manufacturer edits its own product');
SELECT results_eq($$WITH u AS (UPDATE trace.products SET product_name = 'Stolen' WHERE product_id = 100 RETURNING 1) SELECT pg_catalog.count(*)::int FROM u$$,
                  ARRAY[0], 'trace.products.products_update_own: another manufacturer''s product is not updated');
SELECT throws_ok($$DELETE FROM trace.products WHERE product_id = 200$$, '42501', NULL, 'trace.products: an end user cannot delete');
SELECT tests.act_as_role('chain_readonly');
SELECT is((SELECT pg_catalog.count(*)::int FROM trace.products), 3, 'trace.products.products_select_readonly: reporting reads every product');
SELECT tests.act_as_role('chain_app');
SELECT lives_ok($$UPDATE trace.products SET block_number = 7 WHERE product_id = 100$$, 'trace.products.products_update_app: the backend updates any product');
SELECT lives_ok($$INSERT INTO trace.products (product_id, product_name, product_type, manufacturer_id, batch_number, manufacture_date) VALUES (300, 'Disc', 'automotive', 3, 'D-1', now())$$,
                'trace.products.products_insert_app: the backend registers products');
SELECT is((SELECT pg_catalog.count(*)::int FROM trace.products), 4, 'trace.products.products_select_app: the backend reads every product');
SELECT lives_ok($$DELETE FROM trace.products WHERE product_id = 300$$, 'trace.products.products_delete_app: the backend deletes a product without history');
SELECT tests.reset_role();
SET LOCAL ROLE chain_owner;
SELECT is((SELECT pg_catalog.count(*)::int FROM trace.products), 3, 'trace.products.products_select_owner: chain_owner (definer functions, matviews) reads every product');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
