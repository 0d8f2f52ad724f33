-- pgTAP: blockchain/assets — structure, constraints, search vector, trigger, privileges, RLS and audit of blockchain.assets and enum blockchain.asset_type.
BEGIN;
SELECT plan(89);

SELECT enum_has_labels('blockchain', 'asset_type', ARRAY['actuator', 'sensor', 'controller', 'power_system', 'end_effector', 'software']::name[], 'blockchain.asset_type: labels actuator, sensor, controller, power_system, end_effector, software');
SELECT ok(pg_catalog.obj_description('blockchain.asset_type'::regtype, 'pg_type') IS NOT NULL, 'blockchain.asset_type: has a comment');
-- structure (snapshot of the deployed catalog)
SELECT has_table('blockchain', 'assets', 'blockchain.assets: exists');
SELECT tests.table_conventions('blockchain.assets');  -- 9: owner, comments, RLS forced, indexed FKs/policy columns, PUBLIC, backend access
SELECT columns_are('blockchain', 'assets', ARRAY['id', 'issuer_id', 'asset_type', 'name', 'symbol', 'description', 'specifications', 'total_supply', 'metadata_uri', 'is_active', 'created_at', 'updated_at', 'search_vector'], 'blockchain.assets: exactly these columns');
SELECT col_type_is('blockchain', 'assets', c, ty, 'blockchain.assets.' || c || ': ' || ty)
  FROM (VALUES ('id', 'bigint'), ('issuer_id', 'bigint'), ('asset_type', 'blockchain.asset_type'), ('name', 'text'), ('symbol', 'text'), ('description', 'text'), ('specifications', 'jsonb'), ('total_supply', 'numeric(38,18)'), ('metadata_uri', 'text'), ('is_active', 'boolean'), ('created_at', 'timestamp with time zone'), ('updated_at', 'timestamp with time zone'), ('search_vector', 'tsvector')) AS v (c, ty);
SELECT col_not_null('blockchain', 'assets', c, 'blockchain.assets.' || c || ': not null') FROM pg_catalog.unnest(ARRAY['id', 'issuer_id', 'asset_type', 'name', 'symbol', 'description', 'specifications', 'total_supply', 'is_active', 'created_at', 'updated_at', 'search_vector']::name[]) AS c;
SELECT col_is_null('blockchain', 'assets', c, 'blockchain.assets.' || c || ': nullable') FROM pg_catalog.unnest(ARRAY['metadata_uri']::name[]) AS c;
SELECT set_eq($$SELECT conname::text FROM pg_catalog.pg_constraint WHERE conrelid = 'blockchain.assets'::regclass$$,
              ARRAY['assets_description_check', 'assets_issuer_id_fkey', 'assets_metadata_uri_check', 'assets_name_check', 'assets_pkey', 'assets_specifications_check', 'assets_symbol_check', 'assets_symbol_key', 'assets_total_supply_check'], 'blockchain.assets: constraints ' || 'assets_description_check, assets_issuer_id_fkey, assets_metadata_uri_check, assets_name_check, assets_pkey, assets_specifications_check, assets_symbol_check, assets_symbol_key, assets_total_supply_check');
SELECT indexes_are('blockchain', 'assets', ARRAY['assets_asset_type_issuer_id_idx', 'assets_issuer_id_idx', 'assets_pkey', 'assets_search_vector_idx', 'assets_specifications_idx', 'assets_symbol_key']::name[], 'blockchain.assets: indexes ' || 'assets_asset_type_issuer_id_idx, assets_issuer_id_idx, assets_pkey, assets_search_vector_idx, assets_specifications_idx, assets_symbol_key');
SELECT is(pg_catalog.pg_get_indexdef('blockchain.assets_asset_type_issuer_id_idx'::regclass), 'CREATE INDEX assets_asset_type_issuer_id_idx ON blockchain.assets USING btree (asset_type, issuer_id)', 'blockchain.assets.assets_asset_type_issuer_id_idx: definition');
SELECT is(pg_catalog.pg_get_indexdef('blockchain.assets_issuer_id_idx'::regclass), 'CREATE INDEX assets_issuer_id_idx ON blockchain.assets USING btree (issuer_id)', 'blockchain.assets.assets_issuer_id_idx: definition');
SELECT is(pg_catalog.pg_get_indexdef('blockchain.assets_pkey'::regclass), 'CREATE UNIQUE INDEX assets_pkey ON blockchain.assets USING btree (id)', 'blockchain.assets.assets_pkey: definition');
SELECT is(pg_catalog.pg_get_indexdef('blockchain.assets_search_vector_idx'::regclass), 'CREATE INDEX assets_search_vector_idx ON blockchain.assets USING gin (search_vector)', 'blockchain.assets.assets_search_vector_idx: definition');
SELECT is(pg_catalog.pg_get_indexdef('blockchain.assets_specifications_idx'::regclass), 'CREATE INDEX assets_specifications_idx ON blockchain.assets USING gin (specifications jsonb_path_ops)', 'blockchain.assets.assets_specifications_idx: definition');
SELECT is(pg_catalog.pg_get_indexdef('blockchain.assets_symbol_key'::regclass), 'CREATE UNIQUE INDEX assets_symbol_key ON blockchain.assets USING btree (symbol)', 'blockchain.assets.assets_symbol_key: definition');
SELECT triggers_are('blockchain', 'assets', ARRAY['assets_set_updated_at', 'audit_capture', 'audit_capture_truncate']::name[], 'blockchain.assets: triggers ' || 'assets_set_updated_at, audit_capture, audit_capture_truncate');
SELECT trigger_is('blockchain', 'assets', 'assets_set_updated_at', 'core', 'set_updated_at', 'blockchain.assets.assets_set_updated_at: calls core.set_updated_at()');
SELECT trigger_is('blockchain', 'assets', 'audit_capture', 'audit', 'capture', 'blockchain.assets.audit_capture: calls audit.capture()');
SELECT trigger_is('blockchain', 'assets', 'audit_capture_truncate', 'audit', 'capture_statement', 'blockchain.assets.audit_capture_truncate: calls audit.capture_statement()');
SELECT policies_are('blockchain', 'assets', ARRAY['assets_delete_app', 'assets_insert_app', 'assets_select_all', 'assets_select_app', 'assets_select_readonly', 'assets_update_app', 'assets_select_owner']::name[], 'blockchain.assets: policies');
SELECT policy_cmd_is('blockchain', 'assets', 'assets_delete_app'::name, 'delete', 'blockchain.assets.assets_delete_app: FOR delete');
SELECT policy_roles_are('blockchain', 'assets', 'assets_delete_app', ARRAY['chain_app']::name[], 'blockchain.assets.assets_delete_app: TO chain_app');
SELECT policy_cmd_is('blockchain', 'assets', 'assets_insert_app'::name, 'insert', 'blockchain.assets.assets_insert_app: FOR insert');
SELECT policy_roles_are('blockchain', 'assets', 'assets_insert_app', ARRAY['chain_app']::name[], 'blockchain.assets.assets_insert_app: TO chain_app');
SELECT policy_cmd_is('blockchain', 'assets', 'assets_select_all'::name, 'select', 'blockchain.assets.assets_select_all: FOR select');
SELECT policy_roles_are('blockchain', 'assets', 'assets_select_all', ARRAY['chain_user']::name[], 'blockchain.assets.assets_select_all: TO chain_user');
SELECT policy_cmd_is('blockchain', 'assets', 'assets_select_app'::name, 'select', 'blockchain.assets.assets_select_app: FOR select');
SELECT policy_roles_are('blockchain', 'assets', 'assets_select_app', ARRAY['chain_app']::name[], 'blockchain.assets.assets_select_app: TO chain_app');
SELECT policy_cmd_is('blockchain', 'assets', 'assets_update_app'::name, 'update', 'blockchain.assets.assets_update_app: FOR update');
SELECT policy_roles_are('blockchain', 'assets', 'assets_update_app', ARRAY['chain_app']::name[], 'blockchain.assets.assets_update_app: TO chain_app');
SELECT table_privs_are('blockchain', 'assets', 'chain_app', ARRAY['DELETE', 'INSERT', 'SELECT', 'UPDATE'], 'blockchain.assets: chain_app has DELETE, INSERT, SELECT, UPDATE');
SELECT table_privs_are('blockchain', 'assets', 'chain_user', ARRAY['SELECT'], 'blockchain.assets: chain_user has SELECT');
SELECT table_privs_are('blockchain', 'assets', 'chain_readonly', ARRAY['SELECT'], 'blockchain.assets: chain_readonly has SELECT');

-- fixture, inserted as the test's owner: three users
INSERT INTO core.users (id, wallet_address) OVERRIDING SYSTEM VALUE VALUES
    (1, '0x1111111111111111111111111111111111111111'),
    (2, '0x2222222222222222222222222222222222222222'),
    (3, '0x3333333333333333333333333333333333333333');

INSERT INTO blockchain.assets (id, issuer_id, asset_type, name, symbol, description, specifications, total_supply, metadata_uri)
OVERRIDING SYSTEM VALUE VALUES
    (1, 1, 'actuator', 'Servo Motor X1', 'SRVX1', 'High torque servo actuator for robotic arms', '{"torque_nm": 12, "voltage": 24}', 1000, 'ipfs://QmServo');

-- behaviour: constraints reject every invalid row
SELECT throws_ok($$INSERT INTO blockchain.assets (issuer_id, asset_type, name, symbol, total_supply) VALUES (1, 'sensor', 'L', 'LID1', 0)$$,
                 '23514', NULL, 'blockchain.assets.total_supply: rejects zero');
SELECT throws_ok($$INSERT INTO blockchain.assets (issuer_id, asset_type, name, symbol, total_supply) VALUES (1, 'sensor', 'L', 'LID1', -5)$$,
                 '23514', NULL, 'blockchain.assets.total_supply: rejects a negative supply');
SELECT throws_ok($$INSERT INTO blockchain.assets (issuer_id, asset_type, name, symbol, total_supply) VALUES (1, 'sensor', 'L', 'lid1', 1)$$,
                 '23514', NULL, 'blockchain.assets.symbol: rejects a lower-case symbol');
SELECT throws_ok($$INSERT INTO blockchain.assets (issuer_id, asset_type, name, symbol, total_supply) VALUES (1, 'sensor', 'L', 'SRVX1', 1)$$,
                 '23505', NULL, 'blockchain.assets.assets_symbol_key: rejects a duplicate symbol');
SELECT throws_ok($$INSERT INTO blockchain.assets (issuer_id, asset_type, name, symbol, total_supply) VALUES (1, 'sensor', '', 'LID1', 1)$$,
                 '23514', NULL, 'blockchain.assets.name: rejects an empty name');
SELECT throws_ok($$INSERT INTO blockchain.assets (issuer_id, asset_type, name, symbol, total_supply, specifications) VALUES (1, 'sensor', 'L', 'LID1', 1, '[]')$$,
                 '23514', NULL, 'blockchain.assets.specifications: rejects a non-object');
SELECT throws_ok($$INSERT INTO blockchain.assets (issuer_id, asset_type, name, symbol, total_supply, metadata_uri) VALUES (1, 'sensor', 'L', 'LID1', 1, 'ftp://x')$$,
                 '23514', NULL, 'blockchain.assets.metadata_uri: rejects an unknown scheme');
SELECT throws_ok($$INSERT INTO blockchain.assets (issuer_id, asset_type, name, symbol, total_supply) VALUES (1, 'laser', 'L', 'LID1', 1)$$,
                 '22P02', NULL, 'blockchain.asset_type: rejects an unknown type');
SELECT throws_ok($$INSERT INTO blockchain.assets (issuer_id, asset_type, name, symbol, total_supply) VALUES (999, 'sensor', 'L', 'LID1', 1)$$,
                 '23503', NULL, 'blockchain.assets.assets_issuer_id_fkey: rejects an unknown issuer');
SELECT throws_ok($$INSERT INTO blockchain.assets (issuer_id, asset_type, name, symbol, total_supply, description) VALUES (1, 'sensor', 'L', 'LID1', 1, NULL)$$,
                 '23502', NULL, 'blockchain.assets.description: rejects NULL');

-- behaviour: the generated search vector and the specifications index
SELECT ok((SELECT search_vector @@ pg_catalog.to_tsquery('english', 'torque & servo') FROM blockchain.assets WHERE id = 1),
          'blockchain.assets.search_vector: holds the name and description words');
SELECT ok((SELECT search_vector @@ pg_catalog.to_tsquery('simple', 'srvx1') FROM blockchain.assets WHERE id = 1),
          'blockchain.assets.search_vector: holds the symbol');
SELECT results_eq($$SELECT id FROM blockchain.assets WHERE specifications @> '{"voltage": 24}'$$, ARRAY[1::bigint],
                  'blockchain.assets.specifications: containment query finds the asset');
UPDATE blockchain.assets SET updated_at = '2000-01-01', is_active = false WHERE id = 1;
SELECT is((SELECT updated_at FROM blockchain.assets WHERE id = 1), pg_catalog.now(), 'blockchain.assets.assets_set_updated_at: fires on update');
SELECT is((SELECT pg_catalog.count(*)::int FROM audit.logs WHERE table_schema = 'blockchain' AND table_name = 'assets'), 2,
          'blockchain.assets.audit_capture: the insert and the update are audited');

-- behaviour: RLS — a public catalogue, written by the backend only
SELECT tests.act_as(2);
SELECT results_eq($$SELECT id FROM blockchain.assets$$, ARRAY[1::bigint], 'blockchain.assets.assets_select_all: user 2 sees user 1''s asset');
SELECT throws_ok($$INSERT INTO blockchain.assets (issuer_id, asset_type, name, symbol, total_supply) VALUES (2, 'sensor', 'L', 'LID1', 1)$$,
                 '42501', NULL, 'blockchain.assets: chain_user cannot insert');
SELECT throws_ok($$UPDATE blockchain.assets SET name = 'x'$$, '42501', NULL, 'blockchain.assets: chain_user cannot update');
SELECT tests.act_as_role('chain_readonly');
SELECT is((SELECT pg_catalog.count(*)::int FROM blockchain.assets), 1, 'blockchain.assets.assets_select_readonly: chain_readonly sees every asset');
SELECT tests.act_as_role('chain_app');
SELECT lives_ok($$INSERT INTO blockchain.assets (issuer_id, asset_type, name, symbol, total_supply) VALUES (2, 'sensor', 'Lidar', 'LID1', 10)$$,
                'blockchain.assets.assets_insert_app: the backend tokenizes');
SELECT lives_ok($$UPDATE blockchain.assets SET is_active = true WHERE symbol = 'SRVX1'$$, 'blockchain.assets.assets_update_app: the backend updates');
SELECT is((SELECT pg_catalog.count(*)::int FROM blockchain.assets), 2, 'blockchain.assets.assets_select_app: chain_app sees every asset');
SELECT lives_ok($$DELETE FROM blockchain.assets WHERE symbol = 'LID1'$$, 'blockchain.assets.assets_delete_app: the backend deletes');
SELECT tests.act_as_role('chain_owner');
SELECT isnt_empty($$SELECT 1 FROM blockchain.assets$$, 'blockchain.assets.assets_select_owner: the owner reads every row under FORCE RLS (definer code, matview refresh)');
SELECT tests.reset_role();

SELECT * FROM finish();
ROLLBACK;
