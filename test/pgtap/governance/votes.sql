-- pgTAP: governance/votes — governance.votes: one vote per voter, inside an active window; tallies by trigger.
BEGIN;
SELECT plan(101);

SELECT enum_has_labels('governance', 'vote_choice', ARRAY['for', 'against', 'abstain']::name[], 'governance.vote_choice: labels for, against, abstain');
SELECT ok(pg_catalog.obj_description('governance.vote_choice'::regtype, 'pg_type') IS NOT NULL, 'governance.vote_choice: has a comment');
-- structure (snapshot of the deployed catalog)
SELECT has_table('governance', 'votes', 'governance.votes: exists');
SELECT tests.table_conventions('governance.votes');  -- 9: owner, comments, RLS forced, indexed FKs/policy columns, PUBLIC, backend access
SELECT columns_are('governance', 'votes', ARRAY['id', 'proposal_id', 'voter_id', 'choice', 'weight', 'reason', 'created_at'], 'governance.votes: exactly these columns');
SELECT col_type_is('governance', 'votes', c, ty, 'governance.votes.' || c || ': ' || ty)
  FROM (VALUES ('id', 'bigint'), ('proposal_id', 'bigint'), ('voter_id', 'bigint'), ('choice', 'governance.vote_choice'), ('weight', 'numeric(38,18)'), ('reason', 'text'), ('created_at', 'timestamp with time zone')) AS v (c, ty);
SELECT col_not_null('governance', 'votes', c, 'governance.votes.' || c || ': not null') FROM pg_catalog.unnest(ARRAY['id', 'proposal_id', 'voter_id', 'choice', 'weight', 'created_at']::name[]) AS c;
SELECT col_is_null('governance', 'votes', c, 'governance.votes.' || c || ': nullable') FROM pg_catalog.unnest(ARRAY['reason']::name[]) AS c;
SELECT set_eq($$SELECT conname::text FROM pg_catalog.pg_constraint WHERE conrelid = 'governance.votes'::regclass$$,
              ARRAY['votes_pkey', 'votes_proposal_id_fkey', 'votes_proposal_id_voter_id_key', 'votes_reason_check', 'votes_voter_id_fkey', 'votes_weight_check'], 'governance.votes: constraints ' || 'votes_pkey, votes_proposal_id_fkey, votes_proposal_id_voter_id_key, votes_reason_check, votes_voter_id_fkey, votes_weight_check');
SELECT indexes_are('governance', 'votes', ARRAY['votes_pkey', 'votes_proposal_id_voter_id_key', 'votes_voter_id_idx']::name[], 'governance.votes: indexes ' || 'votes_pkey, votes_proposal_id_voter_id_key, votes_voter_id_idx');
SELECT is(pg_catalog.pg_get_indexdef('governance.votes_pkey'::regclass), 'CREATE UNIQUE INDEX votes_pkey ON governance.votes USING btree (id)', 'governance.votes.votes_pkey: definition');
SELECT is(pg_catalog.pg_get_indexdef('governance.votes_proposal_id_voter_id_key'::regclass), 'CREATE UNIQUE INDEX votes_proposal_id_voter_id_key ON governance.votes USING btree (proposal_id, voter_id)', 'governance.votes.votes_proposal_id_voter_id_key: definition');
SELECT is(pg_catalog.pg_get_indexdef('governance.votes_voter_id_idx'::regclass), 'CREATE INDEX votes_voter_id_idx ON governance.votes USING btree (voter_id)', 'governance.votes.votes_voter_id_idx: definition');
SELECT triggers_are('governance', 'votes', ARRAY['audit_capture', 'audit_capture_truncate', 'votes_cast', 'votes_tally']::name[], 'governance.votes: triggers ' || 'audit_capture, audit_capture_truncate, votes_cast, votes_tally');
SELECT trigger_is('governance', 'votes', 'audit_capture', 'audit', 'capture', 'governance.votes.audit_capture: calls audit.capture()');
SELECT trigger_is('governance', 'votes', 'audit_capture_truncate', 'audit', 'capture_statement', 'governance.votes.audit_capture_truncate: calls audit.capture_statement()');
SELECT trigger_is('governance', 'votes', 'votes_cast', 'governance', 'cast_vote', 'governance.votes.votes_cast: calls governance.cast_vote()');
SELECT trigger_is('governance', 'votes', 'votes_tally', 'governance', 'tally_vote', 'governance.votes.votes_tally: calls governance.tally_vote()');
SELECT is((SELECT tgtype & 2 = 0 AND tgtype & (4 | 8 | 16) = 4 | 8 | 16 FROM pg_catalog.pg_trigger
            WHERE tgrelid = 'governance.votes'::regclass AND tgname = 'votes_tally'), true,
          'governance.votes.votes_tally: AFTER INSERT OR UPDATE OR DELETE (only rows that landed move a tally)');
SELECT is((SELECT tgtype & 2 = 2 AND tgtype & (8 | 16) = 0 FROM pg_catalog.pg_trigger
            WHERE tgrelid = 'governance.votes'::regclass AND tgname = 'votes_cast'), true,
          'governance.votes.votes_cast: BEFORE INSERT only (admission, no tally)');
SELECT policies_are('governance', 'votes', ARRAY['votes_insert_app', 'votes_insert_own', 'votes_select_app', 'votes_select_own', 'votes_select_readonly', 'votes_select_owner']::name[], 'governance.votes: policies');
SELECT policy_cmd_is('governance', 'votes', 'votes_insert_app'::name, 'insert', 'governance.votes.votes_insert_app: FOR insert');
SELECT policy_roles_are('governance', 'votes', 'votes_insert_app', ARRAY['chain_app']::name[], 'governance.votes.votes_insert_app: TO chain_app');
SELECT policy_cmd_is('governance', 'votes', 'votes_insert_own'::name, 'insert', 'governance.votes.votes_insert_own: FOR insert');
SELECT policy_roles_are('governance', 'votes', 'votes_insert_own', ARRAY['chain_user']::name[], 'governance.votes.votes_insert_own: TO chain_user');
SELECT policy_cmd_is('governance', 'votes', 'votes_select_app'::name, 'select', 'governance.votes.votes_select_app: FOR select');
SELECT policy_roles_are('governance', 'votes', 'votes_select_app', ARRAY['chain_app']::name[], 'governance.votes.votes_select_app: TO chain_app');
SELECT policy_cmd_is('governance', 'votes', 'votes_select_own'::name, 'select', 'governance.votes.votes_select_own: FOR select');
SELECT policy_roles_are('governance', 'votes', 'votes_select_own', ARRAY['chain_user']::name[], 'governance.votes.votes_select_own: TO chain_user');
SELECT policy_cmd_is('governance', 'votes', 'votes_select_readonly'::name, 'select', 'governance.votes.votes_select_readonly: FOR select');
SELECT policy_roles_are('governance', 'votes', 'votes_select_readonly', ARRAY['chain_readonly']::name[], 'governance.votes.votes_select_readonly: TO chain_readonly');
SELECT table_privs_are('governance', 'votes', 'chain_app', ARRAY['INSERT', 'SELECT'], 'governance.votes: chain_app has INSERT, SELECT');
SELECT table_privs_are('governance', 'votes', 'chain_user', ARRAY['SELECT'], 'governance.votes: chain_user has SELECT');
SELECT table_privs_are('governance', 'votes', 'chain_readonly', ARRAY['SELECT'], 'governance.votes: chain_readonly has SELECT');
SELECT has_function('governance', 'cast_vote', ARRAY[]::text[]::name[], 'governance.cast_vote(): exists');
SELECT is_definer('governance', 'cast_vote', ARRAY[]::text[]::name[], 'governance.cast_vote(): SECURITY DEFINER');
SELECT volatility_is('governance', 'cast_vote', ARRAY[]::text[]::name[], 'volatile', 'governance.cast_vote(): volatile');
SELECT tests.function_conventions('governance.cast_vote()');
SELECT tests.function_conventions('governance.tally_vote()');
SELECT is_definer('governance', 'tally_vote', ARRAY[]::text[]::name[], 'governance.tally_vote(): SECURITY DEFINER (the owner writes the tallies)');

-- fixture, inserted as the test's owner: three users
INSERT INTO core.users (id, wallet_address) OVERRIDING SYSTEM VALUE VALUES
    (1, '0x1111111111111111111111111111111111111111'),
    (2, '0x2222222222222222222222222222222222222222'),
    (3, '0x3333333333333333333333333333333333333333');
INSERT INTO governance.proposals (id, proposer_id, title, description, status, voting_starts_at, voting_ends_at, quorum) OVERRIDING SYSTEM VALUE VALUES
    (1, 1, 'Lower fees', 'Reduce trading fees to 0.1%', 'active', pg_catalog.now() - interval '1 day', pg_catalog.now() + interval '6 days', 3),
    (2, 1, 'Draft idea', 'Not yet', 'draft', pg_catalog.now() + interval '1 day', pg_catalog.now() + interval '8 days', 3),
    (3, 2, 'Future vote', 'Opens tomorrow', 'active', pg_catalog.now() + interval '1 day', pg_catalog.now() + interval '8 days', 3),
    (4, 2, 'Closed vote', 'Window over', 'active', pg_catalog.now() - interval '8 days', pg_catalog.now() - interval '1 day', 3);

-- behaviour: tallies
SELECT lives_ok($$INSERT INTO governance.votes (proposal_id, voter_id, choice) VALUES (1, 1, 'for')$$, 'governance.votes: user 1 votes for');
SELECT lives_ok($$INSERT INTO governance.votes (proposal_id, voter_id, choice, weight) VALUES (1, 2, 'against', 2.5)$$, 'governance.votes: user 2 votes against with weight 2.5');
SELECT lives_ok($$INSERT INTO governance.votes (proposal_id, voter_id, choice, reason) VALUES (1, 3, 'abstain', 'conflict of interest')$$, 'governance.votes: user 3 abstains');
SELECT results_eq($$SELECT votes_for, votes_against, votes_abstain FROM governance.proposals WHERE id = 1$$,
                  $$VALUES (1::numeric, 2.5::numeric, 1::numeric)$$, 'governance.cast_vote(): the tallies add the weights');

-- behaviour: rejections
SELECT throws_ok($$INSERT INTO governance.votes (proposal_id, voter_id, choice) VALUES (1, 1, 'against')$$,
                 '23505', NULL, 'governance.votes.votes_proposal_id_voter_id_key: rejects a second vote');
SELECT results_eq($$SELECT votes_for, votes_against FROM governance.proposals WHERE id = 1$$,
                  $$VALUES (1::numeric, 2.5::numeric)$$, 'governance.cast_vote(): a rejected second vote leaves the tallies alone');
SELECT lives_ok($$INSERT INTO governance.votes (proposal_id, voter_id, choice) VALUES (1, 1, 'against'), (1, 2, 'for')
                  ON CONFLICT DO NOTHING$$,
                'governance.votes: duplicate votes with ON CONFLICT DO NOTHING are skipped');
SELECT lives_ok($$INSERT INTO governance.votes (proposal_id, voter_id, choice, weight) VALUES (1, 1, 'for', 7)
                  ON CONFLICT (proposal_id, voter_id) DO NOTHING$$,
                'governance.votes: a duplicate vote ON CONFLICT (proposal_id, voter_id) DO NOTHING is skipped');
SELECT results_eq($$SELECT votes_for, votes_against, votes_abstain FROM governance.proposals WHERE id = 1$$,
                  $$VALUES (1::numeric, 2.5::numeric, 1::numeric)$$,
                  'governance.tally_vote(): a vote skipped by ON CONFLICT DO NOTHING moves no tally');
SELECT results_eq($$SELECT p.votes_for, p.votes_against, p.votes_abstain FROM governance.proposals AS p WHERE p.id = 1$$,
                  $$SELECT COALESCE(sum(weight) FILTER (WHERE choice = 'for'), 0), COALESCE(sum(weight) FILTER (WHERE choice = 'against'), 0),
                           COALESCE(sum(weight) FILTER (WHERE choice = 'abstain'), 0) FROM governance.votes WHERE proposal_id = 1$$,
                  'governance.tally_vote(): each tally equals the sum of its votes'' weights');
SELECT throws_ok($$INSERT INTO governance.votes (proposal_id, voter_id, choice) VALUES (2, 1, 'for')$$,
                 '55000', 'governance.votes: proposal 2 is not open for voting', 'governance.votes.votes_cast: rejects a vote on a draft');
SELECT throws_ok($$INSERT INTO governance.votes (proposal_id, voter_id, choice) VALUES (3, 1, 'for')$$,
                 '55000', NULL, 'governance.votes.votes_cast: rejects a vote before the window opens');
SELECT throws_ok($$INSERT INTO governance.votes (proposal_id, voter_id, choice) VALUES (4, 1, 'for')$$,
                 '55000', NULL, 'governance.votes.votes_cast: rejects a vote after the window closed');
SELECT throws_ok($$INSERT INTO governance.votes (proposal_id, voter_id, choice, weight) VALUES (1, 1, 'for', 0)$$,
                 '23514', NULL, 'governance.votes.weight: rejects zero');
SELECT throws_ok($$INSERT INTO governance.votes (proposal_id, voter_id, choice) VALUES (1, 99, 'for')$$,
                 '23503', NULL, 'governance.votes.votes_voter_id_fkey: rejects an unknown voter');
SELECT throws_ok($$INSERT INTO governance.votes (proposal_id, voter_id, choice) VALUES (99, 1, 'for')$$,
                 '55000', 'governance.votes: proposal 99 is not open for voting',
                 'governance.cast_vote(): an unknown proposal gets the same error as a draft');
SELECT throws_ok($$INSERT INTO governance.votes (proposal_id, voter_id, choice) VALUES (1, 1, 'maybe')$$,
                 '22P02', NULL, 'governance.vote_choice: rejects an unknown choice');
SELECT throws_ok($$INSERT INTO governance.votes (proposal_id, voter_id, choice, reason) VALUES (1, 1, 'for', pg_catalog.repeat('r', 2001))$$,
                 '23514', NULL, 'governance.votes.reason: rejects more than 2000 characters');
SELECT ok((SELECT pg_catalog.bool_and(created_at = pg_catalog.now()) FROM governance.votes), 'governance.votes.created_at: defaults to now()');
SELECT is((SELECT pg_catalog.count(*)::int FROM audit.logs WHERE table_schema = 'governance' AND table_name = 'votes'), 3,
          'governance.votes.audit_capture: votes are audited');

-- behaviour: RLS, immutability
UPDATE governance.proposals SET voting_starts_at = pg_catalog.now() - interval '1 hour' WHERE id = 3;
INSERT INTO core.users (id, wallet_address) OVERRIDING SYSTEM VALUE VALUES (4, '0x4444444444444444444444444444444444444444');
SELECT tests.act_as(4);
SELECT lives_ok($$INSERT INTO governance.votes (proposal_id, voter_id, choice) VALUES (3, 4, 'for')$$, 'governance.votes.votes_insert_own: user 4 votes');
SELECT results_eq($$SELECT proposal_id FROM governance.votes$$, ARRAY[3::bigint], 'governance.votes.votes_select_own: user 4 sees only its vote');
SELECT throws_ok($$INSERT INTO governance.votes (proposal_id, voter_id, choice, weight) VALUES (1, 4, 'for', 100)$$,
                 '42501', NULL, 'governance.votes.weight: chain_user cannot set its weight');
SELECT throws_ok($$INSERT INTO governance.votes (proposal_id, voter_id, choice) VALUES (3, 1, 'against')$$,
                 '42501', NULL, 'governance.votes.votes_insert_own: user 4 cannot vote in user 1''s name');
SELECT throws_ok($$UPDATE governance.votes SET choice = 'against'$$, '42501', NULL, 'governance.votes: chain_user cannot change a vote');
SELECT throws_ok($$INSERT INTO governance.votes (proposal_id, voter_id, choice) VALUES (2, 4, 'for')$$,
                 '55000', 'governance.votes: proposal 2 is not open for voting',
                 'governance.cast_vote(): a draft the voter cannot see and ...');
SELECT throws_ok($$INSERT INTO governance.votes (proposal_id, voter_id, choice) VALUES (98, 4, 'for')$$,
                 '55000', 'governance.votes: proposal 98 is not open for voting',
                 'governance.cast_vote(): ... a proposal that does not exist give the same error');
SELECT tests.reset_role();
SELECT is((SELECT votes_for FROM governance.proposals WHERE id = 3), 1::numeric, 'governance.cast_vote(): a voter without UPDATE on proposals still moves the tally (SECURITY DEFINER)');
SELECT tests.act_as_role('chain_app');
SELECT is((SELECT pg_catalog.count(*)::int FROM governance.votes), 4, 'governance.votes.votes_select_app: chain_app sees every vote');
SELECT lives_ok($$INSERT INTO governance.votes (proposal_id, voter_id, choice, weight) VALUES (3, 1, 'against', 3)$$, 'governance.votes.votes_insert_app: the backend casts weighted votes');
SELECT throws_ok($$UPDATE governance.votes SET choice = 'for'$$, '42501', NULL, 'governance.votes: chain_app cannot change a vote');
SELECT throws_ok($$DELETE FROM governance.votes$$, '42501', NULL, 'governance.votes: chain_app cannot delete a vote');
SELECT tests.act_as_role('chain_readonly');
SELECT is((SELECT pg_catalog.count(*)::int FROM governance.votes), 5, 'governance.votes.votes_select_readonly: chain_readonly sees every vote');
SELECT tests.reset_role();

-- behaviour: a removed vote takes its weight back (only the owner removes votes)
SELECT results_eq($$SELECT votes_for, votes_against FROM governance.proposals WHERE id = 3$$,
                  $$VALUES (1::numeric, 3::numeric)$$, 'governance.tally_vote(): tallies before the removal');
DELETE FROM governance.votes WHERE proposal_id = 3 AND voter_id = 1;
SELECT results_eq($$SELECT votes_for, votes_against FROM governance.proposals WHERE id = 3$$,
                  $$VALUES (1::numeric, 0::numeric)$$, 'governance.tally_vote(): a removed vote takes its weight back');
UPDATE governance.votes SET choice = 'abstain' WHERE proposal_id = 3 AND voter_id = 4;
SELECT results_eq($$SELECT votes_for, votes_against, votes_abstain FROM governance.proposals WHERE id = 3$$,
                  $$VALUES (0::numeric, 0::numeric, 1::numeric)$$, 'governance.tally_vote(): a changed vote (owner only) moves its weight');

SELECT * FROM finish();
ROLLBACK;
