-- pgTAP: blockchain/price_feeds — blockchain.price_feeds (monthly partitions), blockchain.price_symbols and their trigger.
BEGIN;
SELECT plan(108);

-- structure (snapshot of the deployed catalog)
SELECT has_table('blockchain', 'price_feeds', 'blockchain.price_feeds: exists');
SELECT tests.table_conventions('blockchain.price_feeds');  -- 9: owner, comments, RLS forced, indexed FKs/policy columns, PUBLIC, backend access
SELECT columns_are('blockchain', 'price_feeds', ARRAY['symbol', 'observed_at', 'source', 'price', 'received_at'], 'blockchain.price_feeds: exactly these columns');
SELECT col_type_is('blockchain', 'price_feeds', c, ty, 'blockchain.price_feeds.' || c || ': ' || ty)
  FROM (VALUES ('symbol', 'text'), ('observed_at', 'timestamp with time zone'), ('source', 'text'), ('price', 'numeric(38,18)'), ('received_at', 'timestamp with time zone')) AS v (c, ty);
SELECT col_not_null('blockchain', 'price_feeds', c, 'blockchain.price_feeds.' || c || ': not null') FROM pg_catalog.unnest(ARRAY['symbol', 'observed_at', 'source', 'price', 'received_at']::name[]) AS c;
SELECT set_eq($$SELECT conname::text FROM pg_catalog.pg_constraint WHERE conrelid = 'blockchain.price_feeds'::regclass$$,
              ARRAY['price_feeds_pkey', 'price_feeds_price_check', 'price_feeds_source_check', 'price_feeds_symbol_check'], 'blockchain.price_feeds: constraints ' || 'price_feeds_pkey, price_feeds_price_check, price_feeds_source_check, price_feeds_symbol_check');
SELECT indexes_are('blockchain', 'price_feeds', ARRAY['price_feeds_pkey']::name[], 'blockchain.price_feeds: indexes ' || 'price_feeds_pkey');
SELECT is(pg_catalog.pg_get_indexdef('blockchain.price_feeds_pkey'::regclass), 'CREATE UNIQUE INDEX price_feeds_pkey ON ONLY blockchain.price_feeds USING btree (symbol, observed_at, source)', 'blockchain.price_feeds.price_feeds_pkey: definition');
SELECT triggers_are('blockchain', 'price_feeds', ARRAY['price_feeds_register_symbol']::name[], 'blockchain.price_feeds: triggers ' || 'price_feeds_register_symbol');
SELECT trigger_is('blockchain', 'price_feeds', 'price_feeds_register_symbol', 'blockchain', 'register_price_symbol', 'blockchain.price_feeds.price_feeds_register_symbol: calls blockchain.register_price_symbol()');
SELECT policies_are('blockchain', 'price_feeds', ARRAY['price_feeds_delete_app', 'price_feeds_insert_app', 'price_feeds_select_all', 'price_feeds_select_app', 'price_feeds_select_readonly', 'price_feeds_update_app', 'price_feeds_select_owner']::name[], 'blockchain.price_feeds: policies');
SELECT policy_cmd_is('blockchain', 'price_feeds', 'price_feeds_delete_app'::name, 'delete', 'blockchain.price_feeds.price_feeds_delete_app: FOR delete');
SELECT policy_roles_are('blockchain', 'price_feeds', 'price_feeds_delete_app', ARRAY['chain_app']::name[], 'blockchain.price_feeds.price_feeds_delete_app: TO chain_app');
SELECT policy_cmd_is('blockchain', 'price_feeds', 'price_feeds_insert_app'::name, 'insert', 'blockchain.price_feeds.price_feeds_insert_app: FOR insert');
SELECT policy_roles_are('blockchain', 'price_feeds', 'price_feeds_insert_app', ARRAY['chain_app']::name[], 'blockchain.price_feeds.price_feeds_insert_app: TO chain_app');
SELECT policy_cmd_is('blockchain', 'price_feeds', 'price_feeds_select_all'::name, 'select', 'blockchain.price_feeds.price_feeds_select_all: FOR select');
SELECT policy_roles_are('blockchain', 'price_feeds', 'price_feeds_select_all', ARRAY['chain_user']::name[], 'blockchain.price_feeds.price_feeds_select_all: TO chain_user');
SELECT policy_cmd_is('blockchain', 'price_feeds', 'price_feeds_select_app'::name, 'select', 'blockchain.price_feeds.price_feeds_select_app: FOR select');
SELECT policy_roles_are('blockchain', 'price_feeds', 'price_feeds_select_app', ARRAY['chain_app']::name[], 'blockchain.price_feeds.price_feeds_select_app: TO chain_app');
SELECT policy_cmd_is('blockchain', 'price_feeds', 'price_feeds_update_app'::name, 'update', 'blockchain.price_feeds.price_feeds_update_app: FOR update');
SELECT policy_roles_are('blockchain', 'price_feeds', 'price_feeds_update_app', ARRAY['chain_app']::name[], 'blockchain.price_feeds.price_feeds_update_app: TO chain_app');
SELECT table_privs_are('blockchain', 'price_feeds', 'chain_app', ARRAY['DELETE', 'INSERT', 'SELECT', 'UPDATE'], 'blockchain.price_feeds: chain_app has DELETE, INSERT, SELECT, UPDATE');
SELECT table_privs_are('blockchain', 'price_feeds', 'chain_user', ARRAY['SELECT'], 'blockchain.price_feeds: chain_user has SELECT');
SELECT table_privs_are('blockchain', 'price_feeds', 'chain_readonly', ARRAY['SELECT'], 'blockchain.price_feeds: chain_readonly has SELECT');
-- structure (snapshot of the deployed catalog)
SELECT has_table('blockchain', 'price_symbols', 'blockchain.price_symbols: exists');
SELECT tests.table_conventions('blockchain.price_symbols');  -- 9: owner, comments, RLS forced, indexed FKs/policy columns, PUBLIC, backend access
SELECT columns_are('blockchain', 'price_symbols', ARRAY['symbol', 'first_seen_at'], 'blockchain.price_symbols: exactly these columns');
SELECT col_type_is('blockchain', 'price_symbols', c, ty, 'blockchain.price_symbols.' || c || ': ' || ty)
  FROM (VALUES ('symbol', 'text'), ('first_seen_at', 'timestamp with time zone')) AS v (c, ty);
SELECT col_not_null('blockchain', 'price_symbols', c, 'blockchain.price_symbols.' || c || ': not null') FROM pg_catalog.unnest(ARRAY['symbol', 'first_seen_at']::name[]) AS c;
SELECT set_eq($$SELECT conname::text FROM pg_catalog.pg_constraint WHERE conrelid = 'blockchain.price_symbols'::regclass$$,
              ARRAY['price_symbols_pkey', 'price_symbols_symbol_check'], 'blockchain.price_symbols: constraints ' || 'price_symbols_pkey, price_symbols_symbol_check');
SELECT indexes_are('blockchain', 'price_symbols', ARRAY['price_symbols_pkey']::name[], 'blockchain.price_symbols: indexes ' || 'price_symbols_pkey');
SELECT is(pg_catalog.pg_get_indexdef('blockchain.price_symbols_pkey'::regclass), 'CREATE UNIQUE INDEX price_symbols_pkey ON blockchain.price_symbols USING btree (symbol)', 'blockchain.price_symbols.price_symbols_pkey: definition');
SELECT triggers_are('blockchain', 'price_symbols', ARRAY[]::text[]::name[], 'blockchain.price_symbols: triggers ' || '');
SELECT policies_are('blockchain', 'price_symbols', ARRAY['price_symbols_delete_app', 'price_symbols_insert_app', 'price_symbols_select_all', 'price_symbols_select_app', 'price_symbols_select_readonly', 'price_symbols_update_app', 'price_symbols_select_owner']::name[], 'blockchain.price_symbols: policies');
SELECT policy_cmd_is('blockchain', 'price_symbols', 'price_symbols_delete_app'::name, 'delete', 'blockchain.price_symbols.price_symbols_delete_app: FOR delete');
SELECT policy_roles_are('blockchain', 'price_symbols', 'price_symbols_delete_app', ARRAY['chain_app']::name[], 'blockchain.price_symbols.price_symbols_delete_app: TO chain_app');
SELECT policy_cmd_is('blockchain', 'price_symbols', 'price_symbols_insert_app'::name, 'insert', 'blockchain.price_symbols.price_symbols_insert_app: FOR insert');
SELECT policy_roles_are('blockchain', 'price_symbols', 'price_symbols_insert_app', ARRAY['chain_app']::name[], 'blockchain.price_symbols.price_symbols_insert_app: TO chain_app');
SELECT policy_cmd_is('blockchain', 'price_symbols', 'price_symbols_select_all'::name, 'select', 'blockchain.price_symbols.price_symbols_select_all: FOR select');
SELECT policy_roles_are('blockchain', 'price_symbols', 'price_symbols_select_all', ARRAY['chain_user']::name[], 'blockchain.price_symbols.price_symbols_select_all: TO chain_user');
SELECT policy_cmd_is('blockchain', 'price_symbols', 'price_symbols_select_app'::name, 'select', 'blockchain.price_symbols.price_symbols_select_app: FOR select');
SELECT policy_roles_are('blockchain', 'price_symbols', 'price_symbols_select_app', ARRAY['chain_app']::name[], 'blockchain.price_symbols.price_symbols_select_app: TO chain_app');
SELECT policy_cmd_is('blockchain', 'price_symbols', 'price_symbols_update_app'::name, 'update', 'blockchain.price_symbols.price_symbols_update_app: FOR update');
SELECT policy_roles_are('blockchain', 'price_symbols', 'price_symbols_update_app', ARRAY['chain_app']::name[], 'blockchain.price_symbols.price_symbols_update_app: TO chain_app');
SELECT table_privs_are('blockchain', 'price_symbols', 'chain_app', ARRAY['DELETE', 'INSERT', 'SELECT', 'UPDATE'], 'blockchain.price_symbols: chain_app has DELETE, INSERT, SELECT, UPDATE');
SELECT table_privs_are('blockchain', 'price_symbols', 'chain_user', ARRAY['SELECT'], 'blockchain.price_symbols: chain_user has SELECT');
SELECT table_privs_are('blockchain', 'price_symbols', 'chain_readonly', ARRAY['SELECT'], 'blockchain.price_symbols: chain_readonly has SELECT');
SELECT has_function('blockchain', 'register_price_symbol', ARRAY[]::text[]::name[], 'blockchain.register_price_symbol(): exists');
SELECT isnt_definer('blockchain', 'register_price_symbol', ARRAY[]::text[]::name[], 'blockchain.register_price_symbol(): SECURITY INVOKER');
SELECT volatility_is('blockchain', 'register_price_symbol', ARRAY[]::text[]::name[], 'volatile', 'blockchain.register_price_symbol(): volatile');
SELECT tests.function_conventions('blockchain.register_price_symbol()');  -- 4: owner, comment, no EXECUTE for PUBLIC, SECURITY DEFINER search_path
SELECT ok((SELECT 'search_path=pg_catalog, pg_temp' = ANY (proconfig) FROM pg_catalog.pg_proc WHERE oid = 'blockchain.register_price_symbol()'::regprocedure), 'blockchain.register_price_symbol(): search_path pinned');


-- behaviour: partitions, constraints, the symbol registry
SELECT ok((SELECT pg_catalog.count(*) >= 4 FROM pg_catalog.pg_inherits WHERE inhparent = 'blockchain.price_feeds'::regclass),
          'blockchain.price_feeds: the current month and 3 ahead have partitions (maint.ensure_partitions at deploy)');
SELECT is((SELECT pg_catalog.pg_get_partkeydef('blockchain.price_feeds'::regclass)), 'RANGE (observed_at)',
          'blockchain.price_feeds: partitioned by range of observed_at');
SELECT lives_ok($$INSERT INTO blockchain.price_feeds (symbol, observed_at, source, price) VALUES ('ETH', pg_catalog.now(), 'chainlink', 3100.5)$$,
                'blockchain.price_feeds: accepts a price');
SELECT results_eq($$SELECT symbol FROM blockchain.price_symbols$$, ARRAY['ETH'],
                  'blockchain.price_feeds.price_feeds_register_symbol: registers a new symbol in blockchain.price_symbols');
SELECT lives_ok($$INSERT INTO blockchain.price_feeds (symbol, observed_at, source, price) VALUES ('ETH', pg_catalog.now() + interval '1 second', 'chainlink', 3101)$$,
                'blockchain.register_price_symbol(): a known symbol is not registered twice');
SELECT is((SELECT pg_catalog.count(*)::int FROM blockchain.price_symbols), 1, 'blockchain.price_symbols: one row per symbol');
SELECT throws_ok($$INSERT INTO blockchain.price_feeds (symbol, observed_at, source, price) VALUES ('ETH', pg_catalog.now(), 'chainlink', 1)$$,
                 '23505', NULL, 'blockchain.price_feeds.price_feeds_pkey: rejects a second price for the same symbol, time and source');
SELECT throws_ok($$INSERT INTO blockchain.price_feeds (symbol, observed_at, source, price) VALUES ('BTC', pg_catalog.now(), 'chainlink', 0)$$,
                 '23514', NULL, 'blockchain.price_feeds.price: rejects zero');
SELECT throws_ok($$INSERT INTO blockchain.price_feeds (symbol, observed_at, source, price) VALUES ('BTC', pg_catalog.now(), 'chainlink', -1)$$,
                 '23514', NULL, 'blockchain.price_feeds.price: rejects a negative price');
SELECT throws_ok($$INSERT INTO blockchain.price_feeds (symbol, observed_at, source, price) VALUES ('btc', pg_catalog.now(), 'chainlink', 1)$$,
                 '23514', NULL, 'blockchain.price_feeds.symbol: rejects a lower-case symbol');
SELECT throws_ok($$INSERT INTO blockchain.price_feeds (symbol, observed_at, source, price) VALUES ('BTC', pg_catalog.now(), '', 1)$$,
                 '23514', NULL, 'blockchain.price_feeds.source: rejects an empty source');
SELECT lives_ok($q$DO $x$ BEGIN
                      INSERT INTO blockchain.price_feeds (symbol, observed_at, source, price) VALUES ('ETH', '1990-01-01', 'chainlink', 1);
                      DELETE FROM blockchain.price_feeds_default WHERE observed_at = '1990-01-01';
                      IF NOT FOUND THEN RAISE EXCEPTION 'not in the DEFAULT partition'; END IF;
                  END $x$$q$,
                'blockchain.price_feeds: a time no monthly partition covers lands in the DEFAULT partition (safety net, maint/default_partitions)');
SELECT throws_ok($$INSERT INTO blockchain.price_symbols (symbol) VALUES ('b')$$, '23514', NULL,
                 'blockchain.price_symbols.symbol: rejects a malformed symbol');
SELECT ok((SELECT received_at = pg_catalog.now() FROM blockchain.price_feeds LIMIT 1), 'blockchain.price_feeds.received_at: defaults to now()');
SELECT ok((SELECT first_seen_at = pg_catalog.now() FROM blockchain.price_symbols LIMIT 1), 'blockchain.price_symbols.first_seen_at: defaults to now()');

-- behaviour: RLS — prices are public, written by the backend
SELECT tests.act_as(3);
SELECT is((SELECT pg_catalog.count(*)::int FROM blockchain.price_feeds), 2, 'blockchain.price_feeds.price_feeds_select_all: chain_user reads prices');
SELECT is((SELECT pg_catalog.count(*)::int FROM blockchain.price_symbols), 1, 'blockchain.price_symbols.price_symbols_select_all: chain_user reads symbols');
SELECT throws_ok($$INSERT INTO blockchain.price_feeds (symbol, observed_at, source, price) VALUES ('BTC', pg_catalog.now(), 'me', 1)$$,
                 '42501', NULL, 'blockchain.price_feeds: chain_user cannot insert');
SELECT tests.act_as_role('chain_app');
SELECT lives_ok($$INSERT INTO blockchain.price_feeds (symbol, observed_at, source, price) VALUES ('BTC', pg_catalog.now(), 'pyth', 97000)$$,
                'blockchain.price_feeds.price_feeds_insert_app: the backend ingests (and registers the symbol: price_symbols_insert_app)');
SELECT is((SELECT pg_catalog.count(*)::int FROM blockchain.price_symbols), 2, 'blockchain.price_symbols.price_symbols_select_app: the backend reads symbols');
SELECT lives_ok($$UPDATE blockchain.price_feeds SET price = 97001 WHERE symbol = 'BTC'$$, 'blockchain.price_feeds.price_feeds_update_app: the backend corrects');
SELECT is((SELECT pg_catalog.count(*)::int FROM blockchain.price_feeds), 3, 'blockchain.price_feeds.price_feeds_select_app: the backend reads prices');
SELECT lives_ok($$DELETE FROM blockchain.price_feeds WHERE symbol = 'BTC'$$, 'blockchain.price_feeds.price_feeds_delete_app: the backend deletes');
SELECT lives_ok($$UPDATE blockchain.price_symbols SET first_seen_at = first_seen_at WHERE symbol = 'BTC'$$, 'blockchain.price_symbols.price_symbols_update_app: the backend updates');
SELECT lives_ok($$DELETE FROM blockchain.price_symbols WHERE symbol = 'BTC'$$, 'blockchain.price_symbols.price_symbols_delete_app: the backend deletes');
SELECT tests.act_as_role('chain_readonly');
SELECT is((SELECT pg_catalog.count(*)::int FROM blockchain.price_feeds), 2, 'blockchain.price_feeds.price_feeds_select_readonly: chain_readonly reads prices');
SELECT is((SELECT pg_catalog.count(*)::int FROM blockchain.price_symbols), 1, 'blockchain.price_symbols.price_symbols_select_readonly: chain_readonly reads symbols');
SELECT tests.reset_role();

SELECT * FROM finish();
ROLLBACK;
