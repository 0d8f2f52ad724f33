-- pgTAP: blockchain/search_assets — blockchain.search_assets(): ranking, type filter, limit.
BEGIN;
SELECT plan(28);

SELECT has_function('blockchain', 'search_assets', ARRAY['text', 'blockchain.asset_type', 'integer']::name[], 'blockchain.search_assets(): exists');
SELECT isnt_definer('blockchain', 'search_assets', ARRAY['text', 'blockchain.asset_type', 'integer']::name[], 'blockchain.search_assets(): SECURITY INVOKER');
SELECT volatility_is('blockchain', 'search_assets', ARRAY['text', 'blockchain.asset_type', 'integer']::name[], 'stable', 'blockchain.search_assets(): stable');
SELECT tests.function_conventions('blockchain.search_assets(text,blockchain.asset_type,int)');  -- 4: owner, comment, no EXECUTE for PUBLIC, SECURITY DEFINER search_path
SELECT ok((SELECT 'search_path=pg_catalog, pg_temp' = ANY (proconfig) FROM pg_catalog.pg_proc WHERE oid = 'blockchain.search_assets(text,blockchain.asset_type,int)'::regprocedure), 'blockchain.search_assets(): search_path pinned');
SELECT function_privs_are('blockchain', 'search_assets', ARRAY['text', 'blockchain.asset_type', 'integer']::name[], 'chain_app', ARRAY['EXECUTE'], 'blockchain.search_assets(): chain_app may execute');
SELECT function_privs_are('blockchain', 'search_assets', ARRAY['text', 'blockchain.asset_type', 'integer']::name[], 'chain_user', ARRAY['EXECUTE'], 'blockchain.search_assets(): chain_user may execute');
SELECT function_privs_are('blockchain', 'search_assets', ARRAY['text', 'blockchain.asset_type', 'integer']::name[], 'chain_readonly', ARRAY['EXECUTE'], 'blockchain.search_assets(): chain_readonly may execute');

-- fixture, inserted as the test's owner: three users
INSERT INTO core.users (id, wallet_address) OVERRIDING SYSTEM VALUE VALUES
    (1, '0x1111111111111111111111111111111111111111'),
    (2, '0x2222222222222222222222222222222222222222'),
    (3, '0x3333333333333333333333333333333333333333');
INSERT INTO blockchain.assets (id, issuer_id, asset_type, name, symbol, description, total_supply) OVERRIDING SYSTEM VALUE VALUES
    (1, 1, 'actuator', 'Servo Motor X1', 'SRVX1', 'High torque servo actuator for robotic arms', 1000),
    (2, 1, 'sensor', 'Lidar Sensor L2', 'LIDL2', 'Long range lidar sensor; servo mounted', 500),
    (3, 2, 'controller', 'Motion Controller', 'MCTRL', 'Controls servo and stepper motors', 200),
    (4, 2, 'actuator', 'Retired Servo', 'RSRV', 'servo servo servo', 10);
UPDATE blockchain.assets SET is_active = false WHERE id = 4;

-- behaviour
SELECT results_eq($$SELECT id FROM blockchain.search_assets('servo')$$, ARRAY[1::bigint, 2, 3],
                  'blockchain.search_assets(): matches name (weight A) before description (B), inactive excluded');
SELECT results_eq($$SELECT id FROM blockchain.search_assets('servo', 'sensor')$$, ARRAY[2::bigint],
                  'blockchain.search_assets(): filters by asset type');
SELECT results_eq($$SELECT id FROM blockchain.search_assets('servo', NULL, 1)$$, ARRAY[1::bigint],
                  'blockchain.search_assets(): honours p_limit');
SELECT results_eq($$SELECT id FROM blockchain.search_assets('lidar -servo')$$, ARRAY[]::bigint[],
                  'blockchain.search_assets(): web-search syntax (exclusion)');
SELECT is((SELECT pg_catalog.count(*)::int FROM blockchain.search_assets('servo', NULL, 0)), 1,
          'blockchain.search_assets(): p_limit clamped to at least 1');
SELECT ok((SELECT bool_and(rank > 0) FROM blockchain.search_assets('servo')), 'blockchain.search_assets(): rank is positive');
SELECT tests.act_as(3);
SELECT is((SELECT pg_catalog.count(*)::int FROM blockchain.search_assets('servo')), 3, 'blockchain.search_assets(): chain_user searches the catalogue');
SELECT tests.reset_role();

-- behaviour: symbols, stems, mixed case; exact symbol and exact name first
INSERT INTO blockchain.assets (id, issuer_id, asset_type, name, symbol, description, total_supply) OVERRIDING SYSTEM VALUE VALUES
    (11, 1, 'actuator', 'Gripper', 'ARMS', 'Two-finger gripper', 100),
    (12, 1, 'actuator', 'Arm joint', 'JNT1', 'Joint for robot arms; arms, arms, arms', 100),
    (13, 1, 'sensor', 'Torque sensor', 'ON', 'Reports torque', 100),
    (14, 2, 'controller', 'Servo', 'SRV0', 'A plain servo', 100),
    (15, 2, 'controller', 'Stepper drive', 'SERVO', 'Drives stepper motors', 100);
SELECT is((SELECT id FROM blockchain.search_assets('ARMS') LIMIT 1), 11::bigint,
          'blockchain.search_assets(): a symbol finds its asset first (ARMS, although the name "Arm joint" stems to arm)');
SELECT is((SELECT id FROM blockchain.search_assets('arms') LIMIT 1), 11::bigint,
          'blockchain.search_assets(): the symbol in lower case');
SELECT is((SELECT id FROM blockchain.search_assets('  ArMs ') LIMIT 1), 11::bigint,
          'blockchain.search_assets(): the symbol in mixed case with blanks');
SELECT results_eq($$SELECT id FROM blockchain.search_assets('ON')$$, ARRAY[13::bigint],
                  'blockchain.search_assets(): a symbol that is an English stop word (ON) is still found');
SELECT ok((SELECT pg_catalog.count(*) = 1 FROM blockchain.search_assets('srvx1') WHERE id = 1),
          'blockchain.search_assets(): a symbol matches through the full-text document too (srvx1)');
SELECT results_eq($$SELECT id FROM blockchain.search_assets('servo') LIMIT 2$$, ARRAY[15::bigint, 14],
                  'blockchain.search_assets(): exact symbol (SERVO) first, then the exact name (Servo), then by rank');
SELECT ok((SELECT pg_catalog.bool_or(id = 3) FROM blockchain.search_assets('motor')),
          'blockchain.search_assets(): stems: motor finds "stepper motors"');
SELECT ok((SELECT pg_catalog.bool_or(id = 3) FROM blockchain.search_assets('CONTROLLING')),
          'blockchain.search_assets(): stems in upper case: CONTROLLING finds "Motion Controller"');
SELECT ok((SELECT search_vector OPERATOR(pg_catalog.@@) pg_catalog.websearch_to_tsquery('english', 'ARMS') FROM blockchain.assets WHERE id = 11),
          'blockchain.assets.search_vector: the symbol is indexed with the query''s configuration (english)');
SELECT is((SELECT pg_catalog.count(*)::int FROM blockchain.search_assets('ARMS', 'sensor')), 0,
          'blockchain.search_assets(): the exact symbol still honours the type filter');

SELECT * FROM finish();
ROLLBACK;
