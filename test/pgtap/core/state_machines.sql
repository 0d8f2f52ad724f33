-- pgTAP: core/state_machines — core.state_transitions, core.enforce_transition(), core.enable_state_machine(),
-- core.is_enum_label(), and every state machine tried on its real table: every pair (from, to) of
-- its enum (from "(new)" too, an INSERT), allowed or refused, for chain_app and, where an end user
-- writes the status, for chain_user. The expected transitions are written out below (the spec),
-- independently of the rows the deploy loaded.
BEGIN;
SELECT plan(483);

-- structure
SELECT tests.table_conventions('core.state_transitions');
SELECT tests.function_conventions('core.enforce_transition()');
SELECT tests.function_conventions('core.enable_state_machine(regclass, name)');
SELECT tests.function_conventions('core.is_enum_label(regtype, text)');
SELECT columns_are('core', 'state_transitions', ARRAY['machine', 'from_state', 'to_state', 'who'],
                   'core.state_transitions: exactly these columns');
SELECT col_type_is('core', 'state_transitions', c, ty, 'core.state_transitions.' || c || ': ' || ty)
  FROM (VALUES ('machine', 'regtype'), ('from_state', 'text'), ('to_state', 'text'), ('who', 'name')) AS v (c, ty);
SELECT col_is_null('core', 'state_transitions', 'from_state', 'core.state_transitions.from_state: NULL for a new row');
SELECT policies_are('core', 'state_transitions',
                    ARRAY['state_transitions_select_all', 'state_transitions_insert_owner', 'state_transitions_delete_owner'],
                    'core.state_transitions: policies state_transitions_select_all, state_transitions_insert_owner, state_transitions_delete_owner');
SELECT table_privs_are('core', 'state_transitions', 'chain_app', ARRAY['SELECT'], 'core.state_transitions: chain_app only reads');
SELECT table_privs_are('core', 'state_transitions', 'chain_user', ARRAY['SELECT'], 'core.state_transitions: chain_user only reads');
SELECT tests.act_as_role('chain_app');
SELECT throws_ok($$INSERT INTO core.state_transitions VALUES ('trading.escrow_status', 'released', 'funded', 'chain_app')$$,
                 '42501', NULL, 'core.state_transitions: chain_app cannot add a transition (only the owner does)');
SELECT tests.reset_role();
SELECT throws_ok($$INSERT INTO core.state_transitions VALUES ('trading.escrow_status', 'funded', 'lost', 'chain_app')$$,
                 '23514', NULL, 'core.state_transitions.state_transitions_labels: rejects a state that is not a label');
SELECT throws_ok($$INSERT INTO core.state_transitions VALUES ('trading.escrow_status', 'funded', 'released', 'chain_readonly')$$,
                 '23514', NULL, 'core.state_transitions.state_transitions_who: rejects a role that writes no state');
SELECT throws_ok($$INSERT INTO core.state_transitions VALUES ('trading.escrow_status', NULL, 'funded', 'chain_app')$$,
                 '23505', NULL, 'core.state_transitions.state_transitions_key: one row per transition (NULL from_state included)');
SELECT ok(core.is_enum_label('trading.escrow_status', 'funded') AND NOT core.is_enum_label('trading.escrow_status', 'open'),
          'core.is_enum_label(): labels of the type only');
SELECT set_eq($$SELECT tgrelid::regclass::text || '.' || tgname FROM pg_catalog.pg_trigger
                 WHERE tgfoid = 'core.enforce_transition()'::regprocedure$$,
              ARRAY['trading.orders.orders_state_machine', 'trading.escrows.escrows_state_machine', 'trading.grids.grids_state_machine',
                    'manufacturing.orders.orders_state_machine', 'manufacturing.milestones.milestones_state_machine',
                    'governance.proposals.proposals_state_machine', 'education.progress.progress_state_machine',
                    'memory.batches.batches_state_machine', 'memory.minting_queue.minting_queue_state_machine'],
              'core.enforce_transition(): one trigger per state machine');
SELECT trigger_is(s, t, g, 'core', 'enforce_transition', s || '.' || t || '.' || g || ': calls core.enforce_transition()')
  FROM (VALUES ('trading', 'orders', 'orders_state_machine'), ('trading', 'escrows', 'escrows_state_machine'),
               ('trading', 'grids', 'grids_state_machine'), ('manufacturing', 'orders', 'orders_state_machine'),
               ('manufacturing', 'milestones', 'milestones_state_machine'), ('governance', 'proposals', 'proposals_state_machine'),
               ('education', 'progress', 'progress_state_machine'), ('memory', 'batches', 'batches_state_machine'),
               ('memory', 'minting_queue', 'minting_queue_state_machine')) AS v (s, t, g);
SELECT ok(pg_catalog.obj_description(t::regtype, 'pg_type') ~ 'core\.state_transitions',
          t || ': its comment names its transition table (core.state_transitions)')
  FROM pg_catalog.unnest(ARRAY['trading.order_status', 'trading.escrow_status', 'trading.grid_status', 'manufacturing.order_status',
                               'manufacturing.milestone_status', 'governance.proposal_status', 'education.progress_status',
                               'memory.batch_status', 'memory.mint_status']) AS t;
SELECT is((SELECT pg_catalog.count(*)::int FROM pg_catalog.pg_trigger AS t
            WHERE t.tgfoid = 'core.enforce_transition()'::regprocedure AND t.tgtype & (4 | 16) = 4 | 16 AND t.tgattr::text <> ''),
          9, 'core.enable_state_machine(): BEFORE INSERT OR UPDATE OF the status column');

-- core.enable_state_machine() on a throw-away table
CREATE TYPE core.tmp_light AS ENUM ('red', 'green');
CREATE TABLE core.tmp_lights (id int PRIMARY KEY, status core.tmp_light NOT NULL, label text);
GRANT SELECT, INSERT, UPDATE ON core.tmp_lights TO chain_app;
INSERT INTO core.state_transitions VALUES ('core.tmp_light', NULL, 'red', 'chain_app'), ('core.tmp_light', 'red', 'green', 'chain_app');
SELECT lives_ok($$SELECT core.enable_state_machine('core.tmp_lights')$$, 'core.enable_state_machine(): installs the trigger');
SELECT lives_ok($$SELECT core.enable_state_machine('core.tmp_lights', 'status')$$, 'core.enable_state_machine(): idempotent');
SELECT throws_ok($$SELECT core.enable_state_machine('core.tmp_lights', 'label')$$, '42809', NULL,
                 'core.enable_state_machine(): refuses a column that is not an enum');
SELECT tests.act_as_role('chain_app');
SELECT throws_ok($$INSERT INTO core.tmp_lights VALUES (1, 'green')$$, '55000',
                 'core.tmp_lights: illegal core.tmp_light transition (new) -> green for chain_app',
                 'core.enforce_transition(): names table, machine, states and role');
SELECT lives_ok($$INSERT INTO core.tmp_lights VALUES (1, 'red'); UPDATE core.tmp_lights SET status = 'green'$$,
                'core.enforce_transition(): a listed transition passes');
SELECT lives_ok($$UPDATE core.tmp_lights SET label = 'x'$$, 'core.enforce_transition(): an update that leaves the status out is no transition');
SELECT throws_ok($$UPDATE core.tmp_lights SET status = 'green'$$, '55000', NULL,
                 'core.enforce_transition(): a no-op transition (green -> green) is refused unless listed');
SELECT tests.reset_role();

-- fixture
INSERT INTO core.users (id, wallet_address) OVERRIDING SYSTEM VALUE VALUES
    (1, '0x1111111111111111111111111111111111111111'), (2, '0x2222222222222222222222222222222222222222');
INSERT INTO blockchain.assets (id, issuer_id, asset_type, name, symbol, total_supply) OVERRIDING SYSTEM VALUE VALUES
    (1, 1, 'actuator', 'Servo Motor X1', 'SRVX1', 1000);
INSERT INTO trading.orders (id, user_id, asset_id, side, price, quantity) OVERRIDING SYSTEM VALUE VALUES (1, 1, 1, 'buy', 10, 5);
INSERT INTO manufacturing.orders (id, customer_id, manufacturer_id, title, quantity, total_amount) OVERRIDING SYSTEM VALUE VALUES
    (1, 1, 2, 'Grippers', 1, 1000);
INSERT INTO education.modules (id, slug, title, position, min_quiz_score, is_published) OVERRIDING SYSTEM VALUE VALUES
    (900, 't-machine', 'Machine', 9900, 80, true);

-- the spec: every allowed (machine, from, to, role); chain_owner may also create a row in any state
CREATE TEMP TABLE spec (machine text, from_state text, to_state text, who text) ON COMMIT DROP;
INSERT INTO spec
SELECT v.machine, v.f, v.t, 'chain_' || w
  FROM (VALUES
    ('trading.order_status', NULL, 'open', 'user,app'),
    ('trading.order_status', 'open', 'partially_filled', 'app'), ('trading.order_status', 'open', 'filled', 'app'),
    ('trading.order_status', 'partially_filled', 'partially_filled', 'app'), ('trading.order_status', 'partially_filled', 'filled', 'app'),
    ('trading.order_status', 'open', 'cancelled', 'user,app'), ('trading.order_status', 'partially_filled', 'cancelled', 'user,app'),
    ('trading.order_status', 'open', 'expired', 'app'), ('trading.order_status', 'partially_filled', 'expired', 'app'),
    ('trading.escrow_status', NULL, 'funded', 'app'),
    ('trading.escrow_status', 'funded', 'released', 'user,app'), ('trading.escrow_status', 'funded', 'refunded', 'app'),
    ('trading.escrow_status', 'funded', 'disputed', 'user,app'),
    ('trading.escrow_status', 'disputed', 'resolved_released', 'app'), ('trading.escrow_status', 'disputed', 'resolved_refunded', 'app'),
    ('trading.grid_status', NULL, 'pending', 'user,app'),
    ('trading.grid_status', 'pending', 'active', 'app'), ('trading.grid_status', 'pending', 'failed', 'app'),
    ('trading.grid_status', 'pending', 'cancelled', 'user,app'),
    ('trading.grid_status', 'active', 'paused', 'user,app'), ('trading.grid_status', 'paused', 'active', 'user,app'),
    ('trading.grid_status', 'active', 'completed', 'app'), ('trading.grid_status', 'paused', 'completed', 'app'),
    ('trading.grid_status', 'active', 'cancelled', 'user,app'), ('trading.grid_status', 'paused', 'cancelled', 'user,app'),
    ('trading.grid_status', 'active', 'failed', 'app'), ('trading.grid_status', 'paused', 'failed', 'app'),
    ('manufacturing.order_status', NULL, 'draft', 'app'),
    ('manufacturing.order_status', 'draft', 'submitted', 'app'), ('manufacturing.order_status', 'submitted', 'in_production', 'app'),
    ('manufacturing.order_status', 'in_production', 'quality_check', 'app'), ('manufacturing.order_status', 'quality_check', 'delivered', 'app'),
    ('manufacturing.order_status', 'draft', 'cancelled', 'app'), ('manufacturing.order_status', 'submitted', 'cancelled', 'app'),
    ('manufacturing.order_status', 'in_production', 'cancelled', 'app'), ('manufacturing.order_status', 'quality_check', 'cancelled', 'app'),
    ('manufacturing.milestone_status', NULL, 'pending', 'app'),
    ('manufacturing.milestone_status', 'pending', 'in_progress', 'app'), ('manufacturing.milestone_status', 'in_progress', 'completed', 'app'),
    ('manufacturing.milestone_status', 'completed', 'paid', 'app'),
    ('governance.proposal_status', NULL, 'draft', 'user,app'),
    ('governance.proposal_status', 'draft', 'active', 'app'), ('governance.proposal_status', 'active', 'passed', 'app'),
    ('governance.proposal_status', 'active', 'rejected', 'app'), ('governance.proposal_status', 'passed', 'executed', 'app'),
    ('governance.proposal_status', 'draft', 'cancelled', 'app'), ('governance.proposal_status', 'active', 'cancelled', 'app'),
    ('education.progress_status', NULL, 'locked', 'user,app'), ('education.progress_status', NULL, 'available', 'user,app'),
    ('education.progress_status', NULL, 'in_progress', 'user,app'),
    ('education.progress_status', 'locked', 'available', 'user,app'), ('education.progress_status', 'available', 'in_progress', 'user,app'),
    ('education.progress_status', 'available', 'locked', 'app'), ('education.progress_status', 'in_progress', 'in_progress', 'app'),
    ('education.progress_status', 'in_progress', 'completed', 'app')
  ) AS v (machine, f, t, whos), pg_catalog.unnest(pg_catalog.string_to_array(v.whos, ',')) AS w;

-- every pair of every machine, as chain_app, and as chain_user where end users write the status
-- (user 1: owner of the order, grid, progress; buyer of the escrow; proposer)
CREATE TEMP TABLE cases ON COMMIT DROP AS
SELECT m.machine, f.label AS from_state, t.label AS to_state, r.who
  FROM (VALUES ('trading.order_status', true), ('trading.escrow_status', true), ('trading.grid_status', true),
               ('manufacturing.order_status', false), ('manufacturing.milestone_status', false),
               ('governance.proposal_status', true), ('education.progress_status', true)) AS m (machine, user_writes)
 CROSS JOIN LATERAL (SELECT NULL::text AS label UNION ALL
                     SELECT e.enumlabel::text FROM pg_catalog.pg_enum AS e WHERE e.enumtypid = m.machine::regtype) AS f
 CROSS JOIN LATERAL (SELECT e.enumlabel::text AS label FROM pg_catalog.pg_enum AS e WHERE e.enumtypid = m.machine::regtype) AS t
 CROSS JOIN LATERAL (SELECT 'chain_app' AS who UNION ALL SELECT 'chain_user' WHERE m.user_writes) AS r;

CREATE FUNCTION pg_temp.sql_for(p_machine text, p_from text, p_to text, p_who text, OUT setup text, OUT attempt text)
LANGUAGE plpgsql AS $$
DECLARE
    f text := pg_catalog.quote_literal(p_from);
    t text := pg_catalog.quote_literal(p_to);
    app boolean := p_who = 'chain_app';
BEGIN
    CASE p_machine
    WHEN 'trading.order_status' THEN
        setup := format($s$INSERT INTO trading.orders (id, user_id, asset_id, side, price, quantity, filled_quantity, status)
                          OVERRIDING SYSTEM VALUE VALUES (900001, 1, 1, 'buy', 10, 5, %s, %s)$s$,
                        CASE p_from WHEN 'partially_filled' THEN 1 WHEN 'filled' THEN 5 ELSE 0 END, f);
        IF p_from IS NULL THEN
            attempt := CASE WHEN app THEN format($s$INSERT INTO trading.orders (user_id, asset_id, side, price, quantity, filled_quantity, status)
                                                   VALUES (1, 1, 'buy', 10, 5, %s, %s)$s$,
                                                 CASE p_to WHEN 'partially_filled' THEN 1 WHEN 'filled' THEN 5 ELSE 0 END, t)
                            WHEN p_to = 'open' THEN $s$INSERT INTO trading.orders (user_id, asset_id, side, price, quantity) VALUES (1, 1, 'buy', 10, 5)$s$
                            ELSE format($s$INSERT INTO trading.orders (user_id, asset_id, side, price, quantity, status) VALUES (1, 1, 'buy', 10, 5, %s)$s$, t) END;
        ELSE
            attempt := CASE WHEN app THEN format('UPDATE trading.orders SET status = %s, filled_quantity = %s WHERE id = 900001', t,
                                                 CASE p_to WHEN 'open' THEN '0' WHEN 'filled' THEN '5'
                                                           WHEN 'partially_filled' THEN CASE WHEN p_from = 'partially_filled' THEN '2' ELSE '1' END
                                                           ELSE 'filled_quantity' END)
                            ELSE format('UPDATE trading.orders SET status = %s WHERE id = 900001', t) END;
        END IF;
    WHEN 'trading.escrow_status' THEN
        setup := format($s$INSERT INTO trading.escrows (id, order_id, buyer_id, seller_id, amount, status)
                          OVERRIDING SYSTEM VALUE VALUES (900001, 1, 1, 2, 10, %s)$s$, f);
        attempt := CASE WHEN p_from IS NULL
                        THEN format('INSERT INTO trading.escrows (order_id, buyer_id, seller_id, amount, status) VALUES (1, 1, 2, 10, %s)', t)
                        ELSE format('UPDATE trading.escrows SET status = %s WHERE id = 900001', t) END;
    WHEN 'trading.grid_status' THEN
        setup := format($s$INSERT INTO trading.grids (id, user_id, trading_pair, lower_price, upper_price, grid_count, investment, status)
                          OVERRIDING SYSTEM VALUE VALUES (900001, 1, 'ERG/SigUSD', 1, 2, 5, 50, %s)$s$, f);
        attempt := CASE WHEN p_from IS NULL
                        THEN format($s$INSERT INTO trading.grids (user_id, trading_pair, lower_price, upper_price, grid_count, investment, status)
                                      VALUES (1, 'ERG/SigUSD', 1, 2, 5, 50, %s)$s$, t)
                        ELSE format('UPDATE trading.grids SET status = %s WHERE id = 900001', t) END;
    WHEN 'manufacturing.order_status' THEN
        setup := format($s$INSERT INTO manufacturing.orders (id, customer_id, manufacturer_id, title, quantity, total_amount, status)
                          OVERRIDING SYSTEM VALUE VALUES (900001, 1, 2, 'x', 1, 10, %s)$s$, f);
        attempt := CASE WHEN p_from IS NULL
                        THEN format($s$INSERT INTO manufacturing.orders (customer_id, manufacturer_id, title, quantity, total_amount, status)
                                      VALUES (1, 2, 'x', 1, 10, %s)$s$, t)
                        ELSE format('UPDATE manufacturing.orders SET status = %s WHERE id = 900001', t) END;
    WHEN 'manufacturing.milestone_status' THEN
        setup := format($s$INSERT INTO manufacturing.milestones (id, order_id, sequence_no, title, amount, status, paid_at)
                          OVERRIDING SYSTEM VALUE VALUES (900001, 1, 1, 'x', 10, %s, %s)$s$, f,
                        CASE WHEN p_from = 'paid' THEN 'now()' ELSE 'NULL' END);
        attempt := CASE WHEN p_from IS NULL
                        THEN format($s$INSERT INTO manufacturing.milestones (order_id, sequence_no, title, amount, status, paid_at)
                                      VALUES (1, 1, 'x', 10, %s, %s)$s$, t, CASE WHEN p_to = 'paid' THEN 'now()' ELSE 'NULL' END)
                        ELSE format('UPDATE manufacturing.milestones SET status = %s, paid_at = %s WHERE id = 900001', t,
                                    CASE WHEN p_to = 'paid' THEN 'now()' ELSE 'NULL' END) END;
    WHEN 'governance.proposal_status' THEN
        setup := format($s$INSERT INTO governance.proposals (id, proposer_id, title, description, status, voting_starts_at,
                                                             voting_ends_at, quorum, executed_at)
                          OVERRIDING SYSTEM VALUE VALUES (900001, 1, 'x', 'y', %s, now() - interval '1 day', now() + interval '1 day', 1, %s)$s$,
                        f, CASE WHEN p_from = 'executed' THEN 'now()' ELSE 'NULL' END);
        IF p_from IS NULL THEN
            attempt := CASE WHEN app THEN format($s$INSERT INTO governance.proposals (proposer_id, title, description, status,
                                                   voting_starts_at, voting_ends_at, quorum, executed_at)
                                                   VALUES (1, 'x', 'y', %s, now(), now() + interval '1 day', 1, %s)$s$,
                                                 t, CASE WHEN p_to = 'executed' THEN 'now()' ELSE 'NULL' END)
                            WHEN p_to = 'draft' THEN $s$INSERT INTO governance.proposals (proposer_id, title, description, voting_starts_at,
                                                       voting_ends_at, quorum) VALUES (1, 'x', 'y', now(), now() + interval '1 day', 1)$s$
                            ELSE format($s$INSERT INTO governance.proposals (proposer_id, title, description, status, voting_starts_at,
                                           voting_ends_at, quorum) VALUES (1, 'x', 'y', %s, now(), now() + interval '1 day', 1)$s$, t) END;
        ELSE
            attempt := format('UPDATE governance.proposals SET status = %s%s WHERE id = 900001', t,
                              CASE WHEN app THEN ', executed_at = ' || CASE WHEN p_to = 'executed' THEN 'now()' ELSE 'NULL' END ELSE '' END);
        END IF;
    WHEN 'education.progress_status' THEN
        setup := format($s$INSERT INTO education.progress (id, user_id, module_id, status, quiz_score)
                          OVERRIDING SYSTEM VALUE VALUES (900001, 1, 900, %s, %s)$s$, f, CASE WHEN p_from = 'completed' THEN '100' ELSE 'NULL' END);
        IF p_from IS NULL THEN
            attempt := CASE WHEN app THEN format('INSERT INTO education.progress (user_id, module_id, status, quiz_score) VALUES (1, 900, %s, %s)',
                                                 t, CASE WHEN p_to = 'completed' THEN '100' ELSE 'NULL' END)
                            ELSE format('INSERT INTO education.progress (user_id, module_id, status) VALUES (1, 900, %s)', t) END;
        ELSE
            attempt := CASE WHEN app THEN format('UPDATE education.progress SET status = %s, quiz_score = %s WHERE id = 900001',
                                                 t, CASE WHEN p_to = 'completed' THEN '100' ELSE 'NULL' END)
                            ELSE format('UPDATE education.progress SET status = %s WHERE id = 900001', t) END;
        END IF;
    END CASE;
    IF p_from IS NULL THEN
        setup := NULL;
    END IF;
END
$$;

-- chain_app: an allowed pair lands; a refused one is refused by the machine itself (55000, "illegal … transition")
-- chain_user: an allowed pair lands; a refused one does not (the machine, RLS or a column privilege refuses it)
SELECT is(CASE WHEN o.result = 'ok' THEN 'allowed'
               WHEN c.who = 'chain_app' AND o.result ~ '^55000: .*illegal .* transition' THEN 'refused'
               WHEN c.who = 'chain_user' THEN 'refused'
               ELSE o.result END,
          CASE WHEN s.machine IS NULL THEN 'refused' ELSE 'allowed' END,
          c.machine || ': ' || c.who || ' ' || COALESCE(c.from_state, '(new)') || ' -> ' || c.to_state
              || CASE WHEN s.machine IS NULL THEN ' refused' ELSE ' allowed' END)
  FROM cases AS c
  LEFT JOIN spec AS s ON (s.machine, s.to_state, s.who) = (c.machine, c.to_state, c.who)
                     AND s.from_state IS NOT DISTINCT FROM c.from_state
 CROSS JOIN LATERAL pg_temp.sql_for(c.machine, c.from_state, c.to_state, c.who) AS q
 CROSS JOIN LATERAL (SELECT tests.outcome(q.setup, c.who::name, 1, q.attempt) AS result) AS o
 ORDER BY c.machine, c.who, c.from_state NULLS FIRST, c.to_state;

-- the spec and the deployed transition tables agree (chain_owner's any-state inserts aside)
SELECT set_eq($$SELECT machine::text, from_state, to_state, who::text FROM core.state_transitions
                 WHERE who <> 'chain_owner' AND machine::text <> 'core.tmp_light'
                   AND machine::text NOT LIKE 'memory.%'   -- memory's machines: test/pgtap/memory/{batches,minting_queue}.sql
                   AND NOT (machine = 'trading.escrow_status'::regtype AND to_state = 'refunded' AND who = 'chain_user')$$,
              $$SELECT machine, from_state, to_state, who FROM spec$$,
              'core.state_transitions: the transition tables are the spec (and the seller''s refund, below)');
SELECT is((SELECT pg_catalog.count(*)::int FROM core.state_transitions AS t JOIN pg_catalog.pg_enum AS e
             ON e.enumtypid = t.machine AND e.enumlabel = t.to_state
            WHERE t.who = 'chain_owner' AND t.from_state IS NULL),
          (SELECT pg_catalog.count(*)::int FROM pg_catalog.pg_enum
            WHERE enumtypid IN (SELECT DISTINCT machine FROM core.state_transitions WHERE machine::text <> 'core.tmp_light')),
          'core.state_transitions: chain_owner (data loads) may create a row in any state, and makes no transition');

-- escrows: which party (escrows_update_party): the seller refunds, the buyer cannot; the seller cannot release
SELECT is(tests.outcome($$INSERT INTO trading.escrows (id, order_id, buyer_id, seller_id, amount) OVERRIDING SYSTEM VALUE VALUES (900001, 1, 1, 2, 10)$$,
                        'chain_user', 2, 'UPDATE trading.escrows SET status = ''refunded'' WHERE id = 900001'),
          'ok', 'trading.escrow_status: the seller (chain_user) funded -> refunded allowed');
SELECT isnt(tests.outcome($$INSERT INTO trading.escrows (id, order_id, buyer_id, seller_id, amount) OVERRIDING SYSTEM VALUE VALUES (900001, 1, 1, 2, 10)$$,
                          'chain_user', 2, 'UPDATE trading.escrows SET status = ''released'' WHERE id = 900001'),
            'ok', 'trading.escrow_status: the seller (chain_user) funded -> released refused');
SELECT isnt(tests.outcome($$INSERT INTO trading.escrows (id, order_id, buyer_id, seller_id, amount) OVERRIDING SYSTEM VALUE VALUES (900001, 1, 1, 2, 10)$$,
                          'chain_user', 1, 'UPDATE trading.escrows SET status = ''refunded'' WHERE id = 900001'),
            'ok', 'trading.escrow_status: the buyer (chain_user) funded -> refunded refused');
-- escrows: released twice is an error, not UPDATE 1 (as the backend and as the owner of the tables)
INSERT INTO trading.escrows (id, order_id, buyer_id, seller_id, amount) OVERRIDING SYSTEM VALUE VALUES (900002, 1, 1, 2, 10);
UPDATE trading.escrows SET status = 'released' WHERE id = 900002;
SELECT tests.act_as_role('chain_app');
SELECT throws_ok($$UPDATE trading.escrows SET status = 'released' WHERE id = 900002$$, '55000',
                 'trading.escrows: illegal trading.escrow_status transition released -> released for chain_app',
                 'trading.escrow_status: releasing a released escrow again is an error for chain_app');
SELECT tests.reset_role();
SELECT throws_ok($$UPDATE trading.escrows SET status = 'released' WHERE id = 900002$$, '55000', NULL,
                 'trading.escrow_status: releasing a released escrow again is an error for the superuser too');

SELECT * FROM finish();
ROLLBACK;
