-- pgTAP: trading/grids — trading.grids, trading.grid_status, privileges and own-row RLS.
BEGIN;
SELECT plan(88);

-- structure
SELECT has_table('trading', 'grids', 'trading.grids: exists');
SELECT tests.table_conventions('trading.grids');  -- 9: owner, comments, RLS forced, indexed FKs/policy columns, PUBLIC, backend access
SELECT columns_are('trading', 'grids', ARRAY['id', 'user_id', 'trading_pair', 'lower_price', 'upper_price', 'grid_count', 'investment',
                   'profit', 'status', 'contract_address', 'tx_hash', 'started_at', 'stopped_at', 'created_at', 'updated_at'],
                   'trading.grids: exactly these columns');
SELECT ok(pg_catalog.col_description('trading.grids'::regclass, a.attnum) IS NOT NULL
          AND (a.attnotnull OR a.attname IN ('contract_address', 'tx_hash', 'started_at', 'stopped_at')),
          'trading.grids.' || a.attname || ': has a comment; NOT NULL unless optional')
  FROM pg_catalog.pg_attribute AS a WHERE a.attrelid = 'trading.grids'::regclass AND a.attnum > 0 ORDER BY a.attnum;
SELECT col_type_is('trading', 'grids', c, t, 'trading.grids.' || c || ': ' || t)
  FROM (VALUES ('lower_price', 'numeric(38,18)'), ('upper_price', 'numeric(38,18)'), ('investment', 'numeric(38,18)'),
               ('profit', 'numeric(38,18)'), ('grid_count', 'integer'), ('status', 'trading.grid_status'),
               ('contract_address', 'core.wallet_address')) AS v (c, t);
SELECT enum_has_labels('trading', 'grid_status', ARRAY['pending', 'active', 'paused', 'completed', 'cancelled', 'failed'],
                       'trading.grid_status: pending, active, paused, completed, cancelled, failed');
SELECT set_eq(pg_catalog.format('SELECT conname::text FROM pg_catalog.pg_constraint WHERE conrelid = %L::regclass', 'trading.grids'),
              v, 'trading.grids: exactly the constraints ' || pg_catalog.array_to_string(v, ', '))
  FROM (VALUES (ARRAY['grids_pkey', 'grids_user_id_fkey', 'grids_trading_pair_check', 'grids_lower_price_check',
                      'grids_upper_price_check', 'grids_grid_count_check', 'grids_investment_check', 'grids_tx_hash_key',
                      'grids_tx_hash_check', 'grids_price_range', 'grids_stopped_after_start'])) AS x (v);
SELECT fk_ok('trading', 'grids', 'user_id', 'core', 'users', 'id', 'trading.grids.grids_user_id_fkey: references core.users');
SELECT indexes_are('trading', 'grids', ARRAY['grids_pkey', 'grids_tx_hash_key', 'grids_user_id_created_at_idx',
                   'grids_active_trading_pair_idx', 'grids_contract_address_idx'], 'trading.grids: exactly these indexes');
SELECT has_index('trading', 'grids', 'grids_user_id_created_at_idx', ARRAY['user_id', 'created_at'],
                 'trading.grids.grids_user_id_created_at_idx: on (user_id, created_at DESC), serves the policies');
SELECT is(pg_catalog.pg_get_expr(x.indpred, x.indrelid), '(status = ''active''::trading.grid_status)',
          'trading.grids.grids_active_trading_pair_idx: partial on active grids')
  FROM pg_catalog.pg_index AS x WHERE x.indexrelid = 'trading.grids_active_trading_pair_idx'::regclass;
SELECT has_index('trading', 'grids', 'grids_contract_address_idx', ARRAY['contract_address'],
                 'trading.grids.grids_contract_address_idx: on contract_address');
SELECT triggers_are('trading', 'grids', ARRAY['grids_set_updated_at', 'grids_state_machine'], 'trading.grids: exactly these triggers');
SELECT trigger_is('trading', 'grids', 'grids_set_updated_at', 'core', 'set_updated_at',
                  'trading.grids.grids_set_updated_at: calls core.set_updated_at()');

-- privileges and RLS
SELECT table_privs_are('trading', 'grids', 'chain_app', ARRAY['DELETE', 'INSERT', 'SELECT', 'UPDATE'], 'trading.grids: chain_app has DML');
SELECT table_privs_are('trading', 'grids', 'chain_user', ARRAY['SELECT'], 'trading.grids: chain_user has table SELECT (INSERT/UPDATE by column)');
SELECT column_privs_are('trading', 'grids', 'profit', 'chain_user', ARRAY['SELECT'], 'trading.grids.profit: written by the backend only');
SELECT column_privs_are('trading', 'grids', 'status', 'chain_user', ARRAY['INSERT', 'SELECT', 'UPDATE'], 'trading.grids.status: chain_user may pause or cancel');
SELECT table_privs_are('trading', 'grids', 'chain_readonly', ARRAY['SELECT'], 'trading.grids: chain_readonly reads');
SELECT policies_are('trading', 'grids', ARRAY['grids_select_own', 'grids_insert_own', 'grids_update_own', 'grids_select_app',
                    'grids_insert_app', 'grids_update_app', 'grids_delete_app', 'grids_select_readonly', 'grids_select_owner'], 'trading.grids: exactly these policies');
SELECT policy_roles_are('trading', 'grids', p, ARRAY[r], 'trading.grids.' || p || ': TO ' || r)
  FROM (VALUES ('grids_select_own', 'chain_user'), ('grids_insert_own', 'chain_user'), ('grids_update_own', 'chain_user'),
               ('grids_select_app', 'chain_app'), ('grids_insert_app', 'chain_app'), ('grids_update_app', 'chain_app'),
               ('grids_delete_app', 'chain_app'), ('grids_select_readonly', 'chain_readonly')) AS v (p, r);

-- fixture
INSERT INTO core.users (id, wallet_address) OVERRIDING SYSTEM VALUE VALUES
    (4131, '0x0000000000000000000000000000000000004131'), (4132, '0x0000000000000000000000000000000000004132');
INSERT INTO trading.grids (id, user_id, trading_pair, lower_price, upper_price, grid_count, investment, status, started_at, tx_hash)
OVERRIDING SYSTEM VALUE VALUES
    (4131, 4131, 'ERG/SigUSD', 1.20, 1.80, 10, 500, 'active', now(), pg_catalog.repeat('ab', 32)),
    (4132, 4132, 'ERG/SigUSD', 1.00, 2.00, 20, 1000, 'active', now(), NULL);

-- behaviour: constraints
SELECT throws_ok($$INSERT INTO trading.grids (user_id, trading_pair, lower_price, upper_price, grid_count, investment) VALUES (4131, 'ERG/SigUSD', 2, 1, 10, 100)$$,
                 '23514', NULL, 'trading.grids.grids_price_range: rejects lower above upper');
SELECT throws_ok($$INSERT INTO trading.grids (user_id, trading_pair, lower_price, upper_price, grid_count, investment) VALUES (4131, 'ERG/SigUSD', 1.5, 1.5, 10, 100)$$,
                 '23514', NULL, 'trading.grids.grids_price_range: rejects an empty range');
SELECT throws_ok($$INSERT INTO trading.grids (user_id, trading_pair, lower_price, upper_price, grid_count, investment) VALUES (4131, 'ERG/SigUSD', 0, 1, 10, 100)$$,
                 '23514', NULL, 'trading.grids.lower_price: rejects zero');
SELECT throws_ok($$INSERT INTO trading.grids (user_id, trading_pair, lower_price, upper_price, grid_count, investment) VALUES (4131, 'ERG/SigUSD', -2, -1, 10, 100)$$,
                 '23514', NULL, 'trading.grids.upper_price: rejects a negative price');
SELECT throws_ok($$INSERT INTO trading.grids (user_id, trading_pair, lower_price, upper_price, grid_count, investment) VALUES (4131, 'ERG/SigUSD', 1, 2, 1, 100)$$,
                 '23514', NULL, 'trading.grids.grid_count: rejects fewer than 2 levels');
SELECT throws_ok($$INSERT INTO trading.grids (user_id, trading_pair, lower_price, upper_price, grid_count, investment) VALUES (4131, 'ERG/SigUSD', 1, 2, 1001, 100)$$,
                 '23514', NULL, 'trading.grids.grid_count: rejects more than 1000 levels');
SELECT throws_ok($$INSERT INTO trading.grids (user_id, trading_pair, lower_price, upper_price, grid_count, investment) VALUES (4131, 'ERG/SigUSD', 1, 2, 10, 0)$$,
                 '23514', NULL, 'trading.grids.investment: rejects zero');
SELECT throws_ok($$INSERT INTO trading.grids (user_id, trading_pair, lower_price, upper_price, grid_count, investment) VALUES (4131, 'ERG/SigUSD', 1, 2, 10, -100)$$,
                 '23514', NULL, 'trading.grids.investment: rejects a negative investment');
SELECT throws_ok($$INSERT INTO trading.grids (user_id, trading_pair, lower_price, upper_price, grid_count, investment) VALUES (4131, 'ERGSigUSD', 1, 2, 10, 100)$$,
                 '23514', NULL, 'trading.grids.trading_pair: rejects a malformed pair');
SELECT throws_ok($$INSERT INTO trading.grids (user_id, trading_pair, lower_price, upper_price, grid_count, investment, contract_address) VALUES (4131, 'ERG/SigUSD', 1, 2, 10, 100, '0xNOTHEX')$$,
                 '23514', NULL, 'trading.grids.contract_address: rejects a malformed wallet');
SELECT throws_ok($$INSERT INTO trading.grids (user_id, trading_pair, lower_price, upper_price, grid_count, investment, contract_address) VALUES (4131, 'ERG/SigUSD', 1, 2, 10, 100, '0xABCDEF1111111111111111111111111111111111')$$,
                 '23514', NULL, 'trading.grids.contract_address: rejects an upper-case (unnormalised) EVM address');
SELECT lives_ok($$INSERT INTO trading.grids (user_id, trading_pair, lower_price, upper_price, grid_count, investment, contract_address) VALUES (4131, 'ERG/SigUSD', 1, 2, 10, 100, core.normalize_wallet('0xABCDEF1111111111111111111111111111111111'))$$,
                'trading.grids.contract_address: accepts a normalised wallet');
SELECT throws_ok($$INSERT INTO trading.grids (user_id, trading_pair, lower_price, upper_price, grid_count, investment, tx_hash) VALUES (4131, 'ERG/SigUSD', 1, 2, 10, 100, 'deadbeef')$$,
                 '23514', NULL, 'trading.grids.tx_hash: rejects a malformed hash');
SELECT throws_ok($$INSERT INTO trading.grids (user_id, trading_pair, lower_price, upper_price, grid_count, investment, tx_hash) VALUES (4131, 'ERG/SigUSD', 1, 2, 10, 100, pg_catalog.repeat('ab', 32))$$,
                 '23505', NULL, 'trading.grids.grids_tx_hash_key: rejects a reused transaction');
SELECT throws_ok($$INSERT INTO trading.grids (user_id, trading_pair, lower_price, upper_price, grid_count, investment, status) VALUES (4131, 'ERG/SigUSD', 1, 2, 10, 100, 'running')$$,
                 '22P02', NULL, 'trading.grids.status: rejects an unknown status');
SELECT throws_ok($$UPDATE trading.grids SET stopped_at = started_at - interval '1 day' WHERE id = 4131$$,
                 '23514', NULL, 'trading.grids.grids_stopped_after_start: rejects a stop before the start');
SELECT throws_ok($$DELETE FROM core.users WHERE id = 4131$$, '23503', NULL, 'trading.grids.grids_user_id_fkey: a trader with grids cannot be deleted');
UPDATE trading.grids SET updated_at = '2000-01-01' WHERE id = 4131;
UPDATE trading.grids SET profit = 12.5 WHERE id = 4131;
SELECT is((SELECT updated_at FROM trading.grids WHERE id = 4131), pg_catalog.now(), 'trading.grids.grids_set_updated_at: fires on update');

-- behaviour: RLS
SELECT tests.act_as(4132);
SELECT results_eq($$SELECT id FROM trading.grids WHERE id IN (4131, 4132)$$, ARRAY[4132::bigint], 'trading.grids.grids_select_own: a trader sees only its grids');
SELECT lives_ok($$INSERT INTO trading.grids (user_id, trading_pair, lower_price, upper_price, grid_count, investment) VALUES (4132, 'ERG/SigUSD', 1, 2, 5, 50)$$,
                'trading.grids.grids_insert_own: a trader creates its own grid');
SELECT throws_ok($$INSERT INTO trading.grids (user_id, trading_pair, lower_price, upper_price, grid_count, investment) VALUES (4131, 'ERG/SigUSD', 1, 2, 5, 50)$$,
                 '42501', NULL, 'trading.grids.grids_insert_own: not for another trader');
SELECT lives_ok($$UPDATE trading.grids SET status = 'paused' WHERE id = 4132$$, 'trading.grids.grids_update_own: a trader pauses its own grid');
SELECT throws_ok($$UPDATE trading.grids SET profit = 1000000 WHERE id = 4132$$, '42501', NULL, 'trading.grids.profit: a trader cannot set its profit');
UPDATE trading.grids SET status = 'cancelled' WHERE id = 4131;
SELECT throws_ok($$DELETE FROM trading.grids WHERE id = 4132$$, '42501', NULL, 'trading.grids: a trader cannot delete grid history');
SELECT throws_ok($$UPDATE trading.grids SET status = 'completed' WHERE id = 4132$$, '55000', NULL,
                 'trading.grid_status: a trader cannot mark its own grid completed');
SELECT tests.act_as_role('chain_readonly');
SELECT is((SELECT pg_catalog.count(*)::int FROM trading.grids WHERE user_id IN (4131, 4132)), 4,
          'trading.grids.grids_select_readonly: chain_readonly sees every grid');
SELECT tests.act_as_role('chain_app');
SELECT is((SELECT status::text FROM trading.grids WHERE id = 4131), 'active', 'trading.grids.grids_update_own: another trader''s grid was not touched');
SELECT is((SELECT pg_catalog.count(*)::int FROM trading.grids WHERE user_id IN (4131, 4132)), 4, 'trading.grids.grids_select_app: the backend sees every grid');
SELECT lives_ok($$INSERT INTO trading.grids (user_id, trading_pair, lower_price, upper_price, grid_count, investment, status) VALUES (4131, 'ERG/SigUSD', 1, 2, 5, 50, 'pending');
                  UPDATE trading.grids SET status = 'failed' WHERE user_id = 4131 AND status = 'pending'$$,
                'trading.grids.grids_insert_app: the backend records a grid (and its failure)');
SELECT throws_ok($$UPDATE trading.grids SET status = 'completed' WHERE user_id = 4132 AND status = 'pending'$$, '55000', NULL,
                 'trading.grid_status: not even the backend completes a grid from pending');
SELECT lives_ok($$UPDATE trading.grids SET profit = profit + 1 WHERE id = 4131$$, 'trading.grids.grids_update_app: the backend updates profit');
SELECT lives_ok($$DELETE FROM trading.grids WHERE status = 'failed' AND user_id = 4131$$, 'trading.grids.grids_delete_app: the backend deletes a grid');
SELECT tests.reset_role();

SELECT * FROM finish();
ROLLBACK;
