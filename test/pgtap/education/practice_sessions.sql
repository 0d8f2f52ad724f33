-- pgTAP: education/practice_sessions — education.practice_sessions, the status enum, the generated
-- P&L, privileges and own-row RLS.
BEGIN;
SELECT plan(82);

-- structure
SELECT has_table('education', 'practice_sessions', 'education.practice_sessions: exists');
SELECT tests.table_conventions('education.practice_sessions');  -- 9: owner, comments, RLS forced, indexed FKs/policy columns, PUBLIC, backend access
SELECT columns_are('education', 'practice_sessions', ARRAY['id', 'user_id', 'trading_pair', 'strategy_params', 'initial_balance',
                   'final_balance', 'trades_count', 'profit_loss', 'metrics', 'portfolio', 'status', 'started_at', 'ended_at',
                   'created_at', 'updated_at'], 'education.practice_sessions: exactly these columns');
SELECT ok(pg_catalog.col_description('education.practice_sessions'::regclass, a.attnum) IS NOT NULL
          AND (a.attnotnull OR a.attname IN ('final_balance', 'profit_loss', 'ended_at')),
          'education.practice_sessions.' || a.attname || ': has a comment; NOT NULL unless optional')
  FROM pg_catalog.pg_attribute AS a WHERE a.attrelid = 'education.practice_sessions'::regclass AND a.attnum > 0 ORDER BY a.attnum;
SELECT col_type_is('education', 'practice_sessions', c, t, 'education.practice_sessions.' || c || ': ' || t)
  FROM (VALUES ('initial_balance', 'numeric(38,18)'), ('final_balance', 'numeric(38,18)'), ('profit_loss', 'numeric(38,18)'),
               ('strategy_params', 'jsonb'), ('metrics', 'jsonb'), ('portfolio', 'jsonb'),
               ('status', 'education.practice_status')) AS v (c, t);
SELECT is((SELECT attgenerated::text FROM pg_catalog.pg_attribute WHERE attrelid = 'education.practice_sessions'::regclass AND attname = 'profit_loss'),
          's', 'education.practice_sessions.profit_loss: generated (stored)');
SELECT enum_has_labels('education', 'practice_status', ARRAY['active', 'completed', 'abandoned'],
                       'education.practice_status: active, completed, abandoned');
SELECT set_eq(pg_catalog.format('SELECT conname::text FROM pg_catalog.pg_constraint WHERE conrelid = %L::regclass', 'education.practice_sessions'),
              v, 'education.practice_sessions: exactly the constraints ' || pg_catalog.array_to_string(v, ', '))
  FROM (VALUES (ARRAY['practice_sessions_pkey', 'practice_sessions_user_id_fkey', 'practice_sessions_trading_pair_check',
                      'practice_sessions_strategy_params_check', 'practice_sessions_initial_balance_check',
                      'practice_sessions_final_balance_check', 'practice_sessions_trades_count_check',
                      'practice_sessions_metrics_check', 'practice_sessions_portfolio_check', 'practice_sessions_ended',
                      'practice_sessions_completed_balance', 'practice_sessions_ended_after_start'])) AS x (v);
SELECT indexes_are('education', 'practice_sessions', ARRAY['practice_sessions_pkey', 'practice_sessions_user_id_started_at_idx'],
                   'education.practice_sessions: exactly these indexes');
SELECT has_index('education', 'practice_sessions', 'practice_sessions_user_id_started_at_idx', ARRAY['user_id', 'started_at'],
                 'education.practice_sessions: practice_sessions_user_id_started_at_idx on (user_id, started_at DESC)');
SELECT triggers_are('education', 'practice_sessions', ARRAY['practice_sessions_set_updated_at'], 'education.practice_sessions: exactly these triggers');
SELECT trigger_is('education', 'practice_sessions', 'practice_sessions_set_updated_at', 'core', 'set_updated_at',
                  'education.practice_sessions.practice_sessions_set_updated_at: calls core.set_updated_at()');

-- privileges and RLS
SELECT table_privs_are('education', 'practice_sessions', 'chain_app', ARRAY['DELETE', 'INSERT', 'SELECT', 'UPDATE'], 'education.practice_sessions: chain_app has DML');
SELECT table_privs_are('education', 'practice_sessions', 'chain_user', ARRAY['DELETE', 'INSERT', 'SELECT'], 'education.practice_sessions: chain_user has SELECT, INSERT, DELETE (UPDATE by column)');
SELECT column_privs_are('education', 'practice_sessions', 'user_id', 'chain_user', ARRAY['INSERT', 'SELECT'], 'education.practice_sessions.user_id: chain_user cannot move a session');
SELECT table_privs_are('education', 'practice_sessions', 'chain_readonly', ARRAY['SELECT'], 'education.practice_sessions: chain_readonly reads');
SELECT policies_are('education', 'practice_sessions', ARRAY['practice_sessions_select_own', 'practice_sessions_insert_own',
                    'practice_sessions_update_own', 'practice_sessions_delete_own', 'practice_sessions_select_app',
                    'practice_sessions_insert_app', 'practice_sessions_update_app', 'practice_sessions_delete_app',
                    'practice_sessions_select_readonly', 'practice_sessions_select_owner'], 'education.practice_sessions: exactly these policies');
SELECT policy_roles_are('education', 'practice_sessions', p, ARRAY[r], 'education.practice_sessions.' || p || ': TO ' || r)
  FROM (VALUES ('practice_sessions_select_own', 'chain_user'), ('practice_sessions_insert_own', 'chain_user'),
               ('practice_sessions_update_own', 'chain_user'), ('practice_sessions_delete_own', 'chain_user'),
               ('practice_sessions_select_app', 'chain_app'), ('practice_sessions_insert_app', 'chain_app'),
               ('practice_sessions_update_app', 'chain_app'), ('practice_sessions_delete_app', 'chain_app'),
               ('practice_sessions_select_readonly', 'chain_readonly')) AS v (p, r);

-- fixture
INSERT INTO core.users (id, wallet_address) OVERRIDING SYSTEM VALUE VALUES
    (4121, '0x0000000000000000000000000000000000004121'), (4122, '0x0000000000000000000000000000000000004122');
INSERT INTO education.practice_sessions (id, user_id, trading_pair, strategy_params, initial_balance) OVERRIDING SYSTEM VALUE VALUES
    (4121, 4121, 'ERG/SigUSD', '{"lower": 1.2, "upper": 1.8, "grids": 10}', 1000),
    (4122, 4122, 'ERG/SigUSD', '{}', 500);

-- behaviour: constraints
SELECT throws_ok($$INSERT INTO education.practice_sessions (user_id, trading_pair, initial_balance) VALUES (4121, 'ERG/SigUSD', 0)$$,
                 '23514', NULL, 'education.practice_sessions.initial_balance: rejects zero');
SELECT throws_ok($$INSERT INTO education.practice_sessions (user_id, trading_pair, initial_balance) VALUES (4121, 'ERG/SigUSD', -5)$$,
                 '23514', NULL, 'education.practice_sessions.initial_balance: rejects a negative balance');
SELECT throws_ok($$INSERT INTO education.practice_sessions (user_id, trading_pair, initial_balance) VALUES (4121, 'ERG-SigUSD', 1)$$,
                 '23514', NULL, 'education.practice_sessions.trading_pair: rejects a malformed pair');
SELECT throws_ok($$INSERT INTO education.practice_sessions (user_id, trading_pair, initial_balance, final_balance) VALUES (4121, 'ERG/SigUSD', 1, -1)$$,
                 '23514', NULL, 'education.practice_sessions.final_balance: rejects a negative balance');
SELECT throws_ok($$INSERT INTO education.practice_sessions (user_id, trading_pair, initial_balance, trades_count) VALUES (4121, 'ERG/SigUSD', 1, -1)$$,
                 '23514', NULL, 'education.practice_sessions.trades_count: rejects a negative count');
SELECT throws_ok($$INSERT INTO education.practice_sessions (user_id, trading_pair, initial_balance, strategy_params) VALUES (4121, 'ERG/SigUSD', 1, '[]')$$,
                 '23514', NULL, 'education.practice_sessions.strategy_params: rejects a non-object');
SELECT throws_ok($$INSERT INTO education.practice_sessions (user_id, trading_pair, initial_balance, metrics) VALUES (4121, 'ERG/SigUSD', 1, '1')$$,
                 '23514', NULL, 'education.practice_sessions.metrics: rejects a non-object');
SELECT throws_ok($$INSERT INTO education.practice_sessions (user_id, trading_pair, initial_balance, portfolio) VALUES (4121, 'ERG/SigUSD', 1, '"x"')$$,
                 '23514', NULL, 'education.practice_sessions.portfolio: rejects a non-object');
SELECT throws_ok($$INSERT INTO education.practice_sessions (user_id, trading_pair, initial_balance, status) VALUES (4121, 'ERG/SigUSD', 1, 'won')$$,
                 '22P02', NULL, 'education.practice_sessions.status: rejects an unknown status');
SELECT throws_ok($$UPDATE education.practice_sessions SET status = 'completed' WHERE id = 4121$$,
                 '23514', NULL, 'education.practice_sessions.practice_sessions_ended: an ended session has ended_at');
SELECT throws_ok($$UPDATE education.practice_sessions SET status = 'completed', ended_at = now() WHERE id = 4121$$,
                 '23514', NULL, 'education.practice_sessions.practice_sessions_completed_balance: a completed session has its final balance');
SELECT throws_ok($$UPDATE education.practice_sessions SET status = 'abandoned', ended_at = started_at - interval '1 hour' WHERE id = 4121$$,
                 '23514', NULL, 'education.practice_sessions.practice_sessions_ended_after_start: not ended before it started');
SELECT throws_ok($$INSERT INTO education.practice_sessions (user_id, trading_pair, initial_balance, profit_loss) VALUES (4121, 'ERG/SigUSD', 1, 5)$$,
                 '428C9', NULL, 'education.practice_sessions.profit_loss: cannot be written');
SELECT throws_ok($$INSERT INTO education.practice_sessions (user_id, trading_pair, initial_balance) VALUES (999999, 'ERG/SigUSD', 1)$$,
                 '23503', NULL, 'education.practice_sessions.practice_sessions_user_id_fkey: rejects an unknown user');

-- behaviour: P&L and updated_at
UPDATE education.practice_sessions SET updated_at = '2000-01-01' WHERE id = 4121;
UPDATE education.practice_sessions SET status = 'completed', ended_at = now(), final_balance = 1042.5, trades_count = 37 WHERE id = 4121;
SELECT is((SELECT profit_loss FROM education.practice_sessions WHERE id = 4121), 42.5::numeric,
          'education.practice_sessions.profit_loss: final minus initial balance');
SELECT is((SELECT updated_at FROM education.practice_sessions WHERE id = 4121), pg_catalog.now(),
          'education.practice_sessions.practice_sessions_set_updated_at: fires on update');

-- behaviour: RLS
SELECT tests.act_as(4122);
SELECT results_eq($$SELECT id FROM education.practice_sessions WHERE id IN (4121, 4122)$$, ARRAY[4122::bigint],
                  'education.practice_sessions.practice_sessions_select_own: a learner sees only its sessions');
SELECT lives_ok($$INSERT INTO education.practice_sessions (user_id, trading_pair, initial_balance) VALUES (4122, 'ERG/SigUSD', 250)$$,
                'education.practice_sessions.practice_sessions_insert_own: a learner starts its own session');
SELECT throws_ok($$INSERT INTO education.practice_sessions (user_id, trading_pair, initial_balance) VALUES (4121, 'ERG/SigUSD', 250)$$,
                 '42501', NULL, 'education.practice_sessions.practice_sessions_insert_own: not for another user');
SELECT lives_ok($$UPDATE education.practice_sessions SET trades_count = 3, metrics = '{"win_rate": 0.66}' WHERE id = 4122$$,
                'education.practice_sessions.practice_sessions_update_own: a learner updates its own session');
UPDATE education.practice_sessions SET trades_count = 99 WHERE id = 4121;
SELECT lives_ok($$DELETE FROM education.practice_sessions WHERE id = 4121$$,
                'education.practice_sessions.practice_sessions_delete_own: deleting another learner''s session is a no-op');
SELECT tests.act_as_role('chain_readonly');
SELECT is((SELECT pg_catalog.count(*)::int FROM education.practice_sessions WHERE user_id IN (4121, 4122)), 3,
          'education.practice_sessions.practice_sessions_select_readonly: chain_readonly sees every session');
SELECT tests.act_as_role('chain_app');
SELECT is((SELECT trades_count FROM education.practice_sessions WHERE id = 4121), 37,
          'education.practice_sessions.practice_sessions_update_own: another learner''s session was not updated');
SELECT lives_ok($$INSERT INTO education.practice_sessions (user_id, trading_pair, initial_balance) VALUES (4121, 'ERG/SigUSD', 10)$$,
                'education.practice_sessions.practice_sessions_insert_app: the backend records a session');
SELECT lives_ok($$UPDATE education.practice_sessions SET trades_count = 1 WHERE id = 4122$$,
                'education.practice_sessions.practice_sessions_update_app: the backend updates a session');
SELECT lives_ok($$DELETE FROM education.practice_sessions WHERE id = 4122$$,
                'education.practice_sessions.practice_sessions_delete_app: the backend deletes a session');
SELECT is((SELECT pg_catalog.count(*)::int FROM education.practice_sessions WHERE user_id IN (4121, 4122)), 3,
          'education.practice_sessions.practice_sessions_select_app: the backend sees every session');
SELECT tests.act_as(4122);
SELECT lives_ok($$DELETE FROM education.practice_sessions WHERE user_id = 4122$$,
                'education.practice_sessions.practice_sessions_delete_own: a learner deletes its own sessions');
SELECT tests.reset_role();

SELECT * FROM finish();
ROLLBACK;
