-- pgTAP: governance/proposals — structure, constraints, privileges and RLS of governance.proposals.
BEGIN;
SELECT plan(104);

SELECT enum_has_labels('governance', 'proposal_status', ARRAY['draft', 'active', 'passed', 'rejected', 'executed', 'cancelled']::name[], 'governance.proposal_status: labels draft, active, passed, rejected, executed, cancelled');
SELECT ok(pg_catalog.obj_description('governance.proposal_status'::regtype, 'pg_type') IS NOT NULL, 'governance.proposal_status: has a comment');
-- structure (snapshot of the deployed catalog)
SELECT has_table('governance', 'proposals', 'governance.proposals: exists');
SELECT tests.table_conventions('governance.proposals');  -- 9: owner, comments, RLS forced, indexed FKs/policy columns, PUBLIC, backend access
SELECT columns_are('governance', 'proposals', ARRAY['id', 'proposer_id', 'title', 'description', 'status', 'voting_starts_at', 'voting_ends_at', 'quorum', 'votes_for', 'votes_against', 'votes_abstain', 'executed_at', 'created_at', 'updated_at'], 'governance.proposals: exactly these columns');
SELECT col_type_is('governance', 'proposals', c, ty, 'governance.proposals.' || c || ': ' || ty)
  FROM (VALUES ('id', 'bigint'), ('proposer_id', 'bigint'), ('title', 'text'), ('description', 'text'), ('status', 'governance.proposal_status'), ('voting_starts_at', 'timestamp with time zone'), ('voting_ends_at', 'timestamp with time zone'), ('quorum', 'numeric(38,18)'), ('votes_for', 'numeric(38,18)'), ('votes_against', 'numeric(38,18)'), ('votes_abstain', 'numeric(38,18)'), ('executed_at', 'timestamp with time zone'), ('created_at', 'timestamp with time zone'), ('updated_at', 'timestamp with time zone')) AS v (c, ty);
SELECT col_not_null('governance', 'proposals', c, 'governance.proposals.' || c || ': not null') FROM pg_catalog.unnest(ARRAY['id', 'proposer_id', 'title', 'description', 'status', 'voting_starts_at', 'voting_ends_at', 'quorum', 'votes_for', 'votes_against', 'votes_abstain', 'created_at', 'updated_at']::name[]) AS c;
SELECT col_is_null('governance', 'proposals', c, 'governance.proposals.' || c || ': nullable') FROM pg_catalog.unnest(ARRAY['executed_at']::name[]) AS c;
SELECT set_eq($$SELECT conname::text FROM pg_catalog.pg_constraint WHERE conrelid = 'governance.proposals'::regclass$$,
              ARRAY['proposals_description_check', 'proposals_executed_has_time', 'proposals_pkey', 'proposals_proposer_id_fkey', 'proposals_quorum_check', 'proposals_title_check', 'proposals_votes_abstain_check', 'proposals_votes_against_check', 'proposals_votes_for_check', 'proposals_voting_window'], 'governance.proposals: constraints ' || 'proposals_description_check, proposals_executed_has_time, proposals_pkey, proposals_proposer_id_fkey, proposals_quorum_check, proposals_title_check, proposals_votes_abstain_check, proposals_votes_against_check, proposals_votes_for_check, proposals_voting_window');
SELECT indexes_are('governance', 'proposals', ARRAY['proposals_pkey', 'proposals_proposer_id_idx', 'proposals_status_voting_ends_at_idx']::name[], 'governance.proposals: indexes ' || 'proposals_pkey, proposals_proposer_id_idx, proposals_status_voting_ends_at_idx');
SELECT is(pg_catalog.pg_get_indexdef('governance.proposals_pkey'::regclass), 'CREATE UNIQUE INDEX proposals_pkey ON governance.proposals USING btree (id)', 'governance.proposals.proposals_pkey: definition');
SELECT is(pg_catalog.pg_get_indexdef('governance.proposals_proposer_id_idx'::regclass), 'CREATE INDEX proposals_proposer_id_idx ON governance.proposals USING btree (proposer_id)', 'governance.proposals.proposals_proposer_id_idx: definition');
SELECT is(pg_catalog.pg_get_indexdef('governance.proposals_status_voting_ends_at_idx'::regclass), 'CREATE INDEX proposals_status_voting_ends_at_idx ON governance.proposals USING btree (status, voting_ends_at)', 'governance.proposals.proposals_status_voting_ends_at_idx: definition');
SELECT triggers_are('governance', 'proposals', ARRAY['audit_capture', 'audit_capture_truncate', 'proposals_set_updated_at', 'proposals_state_machine']::name[], 'governance.proposals: triggers ' || 'audit_capture, audit_capture_truncate, proposals_set_updated_at');
SELECT trigger_is('governance', 'proposals', 'audit_capture', 'audit', 'capture', 'governance.proposals.audit_capture: calls audit.capture()');
SELECT trigger_is('governance', 'proposals', 'audit_capture_truncate', 'audit', 'capture_statement', 'governance.proposals.audit_capture_truncate: calls audit.capture_statement()');
SELECT trigger_is('governance', 'proposals', 'proposals_set_updated_at', 'core', 'set_updated_at', 'governance.proposals.proposals_set_updated_at: calls core.set_updated_at()');
SELECT policies_are('governance', 'proposals', ARRAY['proposals_delete_app', 'proposals_insert_app', 'proposals_insert_own', 'proposals_select_app', 'proposals_select_owner', 'proposals_select_public', 'proposals_select_readonly', 'proposals_update_app', 'proposals_update_owner']::name[], 'governance.proposals: policies');
SELECT policy_cmd_is('governance', 'proposals', 'proposals_delete_app'::name, 'delete', 'governance.proposals.proposals_delete_app: FOR delete');
SELECT policy_roles_are('governance', 'proposals', 'proposals_delete_app', ARRAY['chain_app']::name[], 'governance.proposals.proposals_delete_app: TO chain_app');
SELECT policy_cmd_is('governance', 'proposals', 'proposals_insert_app'::name, 'insert', 'governance.proposals.proposals_insert_app: FOR insert');
SELECT policy_roles_are('governance', 'proposals', 'proposals_insert_app', ARRAY['chain_app']::name[], 'governance.proposals.proposals_insert_app: TO chain_app');
SELECT policy_cmd_is('governance', 'proposals', 'proposals_insert_own'::name, 'insert', 'governance.proposals.proposals_insert_own: FOR insert');
SELECT policy_roles_are('governance', 'proposals', 'proposals_insert_own', ARRAY['chain_user']::name[], 'governance.proposals.proposals_insert_own: TO chain_user');
SELECT policy_cmd_is('governance', 'proposals', 'proposals_select_app'::name, 'select', 'governance.proposals.proposals_select_app: FOR select');
SELECT policy_roles_are('governance', 'proposals', 'proposals_select_app', ARRAY['chain_app']::name[], 'governance.proposals.proposals_select_app: TO chain_app');
SELECT policy_cmd_is('governance', 'proposals', 'proposals_select_owner'::name, 'select', 'governance.proposals.proposals_select_owner: FOR select');
SELECT policy_roles_are('governance', 'proposals', 'proposals_select_owner', ARRAY['chain_owner']::name[], 'governance.proposals.proposals_select_owner: TO chain_owner');
SELECT policy_cmd_is('governance', 'proposals', 'proposals_select_public'::name, 'select', 'governance.proposals.proposals_select_public: FOR select');
SELECT policy_roles_are('governance', 'proposals', 'proposals_select_public', ARRAY['chain_user']::name[], 'governance.proposals.proposals_select_public: TO chain_user');
SELECT policy_cmd_is('governance', 'proposals', 'proposals_select_readonly'::name, 'select', 'governance.proposals.proposals_select_readonly: FOR select');
SELECT policy_roles_are('governance', 'proposals', 'proposals_select_readonly', ARRAY['chain_readonly']::name[], 'governance.proposals.proposals_select_readonly: TO chain_readonly');
SELECT policy_cmd_is('governance', 'proposals', 'proposals_update_app'::name, 'update', 'governance.proposals.proposals_update_app: FOR update');
SELECT policy_roles_are('governance', 'proposals', 'proposals_update_app', ARRAY['chain_app']::name[], 'governance.proposals.proposals_update_app: TO chain_app');
SELECT policy_cmd_is('governance', 'proposals', 'proposals_update_owner'::name, 'update', 'governance.proposals.proposals_update_owner: FOR update');
SELECT policy_roles_are('governance', 'proposals', 'proposals_update_owner', ARRAY['chain_owner']::name[], 'governance.proposals.proposals_update_owner: TO chain_owner');
SELECT table_privs_are('governance', 'proposals', 'chain_app', ARRAY['DELETE', 'SELECT'], 'governance.proposals: chain_app has DELETE, SELECT table-wide (INSERT, UPDATE column-wise)');
SELECT column_privs_are('governance', 'proposals', c, 'chain_app', ARRAY['SELECT'],
                        'governance.proposals.' || c || ': chain_app reads, never writes it (the owner keeps the tally)')
  FROM pg_catalog.unnest(ARRAY['votes_for', 'votes_against', 'votes_abstain']::name[]) AS c;
SELECT table_privs_are('governance', 'proposals', 'chain_user', ARRAY['SELECT'], 'governance.proposals: chain_user has SELECT');
SELECT table_privs_are('governance', 'proposals', 'chain_readonly', ARRAY['SELECT'], 'governance.proposals: chain_readonly has SELECT');

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

-- behaviour: constraints
SELECT throws_ok($$INSERT INTO governance.proposals (proposer_id, title, description, voting_starts_at, voting_ends_at, quorum) VALUES (1, 't', 'd', pg_catalog.now(), pg_catalog.now(), 1)$$,
                 '23514', NULL, 'governance.proposals.proposals_voting_window: rejects an end not after the start');
SELECT throws_ok($$INSERT INTO governance.proposals (proposer_id, title, description, voting_starts_at, voting_ends_at, quorum) VALUES (1, 't', 'd', pg_catalog.now(), pg_catalog.now() + interval '1 day', 0)$$,
                 '23514', NULL, 'governance.proposals.quorum: rejects zero');
SELECT throws_ok($$INSERT INTO governance.proposals (proposer_id, title, description, voting_starts_at, voting_ends_at, quorum, votes_for) VALUES (1, 't', 'd', pg_catalog.now(), pg_catalog.now() + interval '1 day', 1, -1)$$,
                 '23514', NULL, 'governance.proposals.votes_for: rejects a negative tally');
SELECT throws_ok($$INSERT INTO governance.proposals (proposer_id, title, description, voting_starts_at, voting_ends_at, quorum, votes_against) VALUES (1, 't', 'd', pg_catalog.now(), pg_catalog.now() + interval '1 day', 1, -1)$$,
                 '23514', NULL, 'governance.proposals.votes_against: rejects a negative tally');
SELECT throws_ok($$INSERT INTO governance.proposals (proposer_id, title, description, voting_starts_at, voting_ends_at, quorum, votes_abstain) VALUES (1, 't', 'd', pg_catalog.now(), pg_catalog.now() + interval '1 day', 1, -1)$$,
                 '23514', NULL, 'governance.proposals.votes_abstain: rejects a negative tally');
SELECT throws_ok($$INSERT INTO governance.proposals (proposer_id, title, description, voting_starts_at, voting_ends_at, quorum, status) VALUES (1, 't', 'd', pg_catalog.now(), pg_catalog.now() + interval '1 day', 1, 'executed')$$,
                 '23514', NULL, 'governance.proposals.proposals_executed_has_time: rejects executed without executed_at');
SELECT throws_ok($$INSERT INTO governance.proposals (proposer_id, title, description, voting_starts_at, voting_ends_at, quorum) VALUES (1, '', 'd', pg_catalog.now(), pg_catalog.now() + interval '1 day', 1)$$,
                 '23514', NULL, 'governance.proposals.title: rejects an empty title');
SELECT throws_ok($$INSERT INTO governance.proposals (proposer_id, title, description, voting_starts_at, voting_ends_at, quorum) VALUES (1, 't', '', pg_catalog.now(), pg_catalog.now() + interval '1 day', 1)$$,
                 '23514', NULL, 'governance.proposals.description: rejects an empty description');
SELECT throws_ok($$INSERT INTO governance.proposals (proposer_id, title, description, voting_starts_at, voting_ends_at, quorum, status) VALUES (1, 't', 'd', pg_catalog.now(), pg_catalog.now() + interval '1 day', 1, 'vetoed')$$,
                 '22P02', NULL, 'governance.proposal_status: rejects an unknown status');
SELECT throws_ok($$INSERT INTO governance.proposals (proposer_id, title, description, voting_starts_at, voting_ends_at, quorum) VALUES (99, 't', 'd', pg_catalog.now(), pg_catalog.now() + interval '1 day', 1)$$,
                 '23503', NULL, 'governance.proposals.proposals_proposer_id_fkey: rejects an unknown proposer');
SELECT lives_ok($$UPDATE governance.proposals SET status = 'passed' WHERE id = 4$$, 'governance.proposals: a closed vote passes');
SELECT lives_ok($$UPDATE governance.proposals SET status = 'executed', executed_at = pg_catalog.now() WHERE id = 4$$, 'governance.proposals.executed_at: set when executed');
UPDATE governance.proposals SET updated_at = '2000-01-01' WHERE id = 1;
SELECT is((SELECT updated_at FROM governance.proposals WHERE id = 1), pg_catalog.now(), 'governance.proposals.proposals_set_updated_at: fires on update');
SELECT is((SELECT pg_catalog.count(*)::int FROM audit.logs WHERE table_schema = 'governance' AND table_name = 'proposals'), 6,
          'governance.proposals.audit_capture: inserts and real updates are audited (not the no-op one)');

-- behaviour: RLS
SELECT tests.act_as(2);
SELECT results_eq($$SELECT id FROM governance.proposals ORDER BY id$$, ARRAY[1::bigint, 3, 4],
                  'governance.proposals.proposals_select_public: user 2 sees every proposal past draft, not user 1''s draft');
SELECT lives_ok($$INSERT INTO governance.proposals (proposer_id, title, description, voting_starts_at, voting_ends_at, quorum) VALUES (2, 'Mine', 'My draft', pg_catalog.now(), pg_catalog.now() + interval '1 day', 1)$$,
                'governance.proposals.proposals_insert_own: user 2 submits a draft');
SELECT is((SELECT pg_catalog.count(*)::int FROM governance.proposals), 4, 'governance.proposals.proposals_select_public: user 2 sees its own draft');
SELECT throws_ok($$INSERT INTO governance.proposals (proposer_id, title, description, voting_starts_at, voting_ends_at, quorum) VALUES (1, 'Forged', 'x', pg_catalog.now(), pg_catalog.now() + interval '1 day', 1)$$,
                 '42501', NULL, 'governance.proposals.proposals_insert_own: user 2 cannot propose in user 1''s name');
SELECT throws_ok($$INSERT INTO governance.proposals (proposer_id, title, description, voting_starts_at, voting_ends_at, quorum, status) VALUES (2, 'Active', 'x', pg_catalog.now(), pg_catalog.now() + interval '1 day', 1, 'active')$$,
                 '42501', NULL, 'governance.proposals.status: chain_user cannot set it');
SELECT throws_ok($$UPDATE governance.proposals SET votes_for = 1000 WHERE id = 1$$, '42501', NULL, 'governance.proposals: chain_user cannot update the tallies');
SELECT tests.act_as_role('chain_readonly');
SELECT is((SELECT pg_catalog.count(*)::int FROM governance.proposals), 5, 'governance.proposals.proposals_select_readonly: chain_readonly sees every proposal');
SELECT tests.act_as_role('chain_app');
SELECT is((SELECT pg_catalog.count(*)::int FROM governance.proposals), 5, 'governance.proposals.proposals_select_app: chain_app sees every proposal');
SELECT lives_ok($$INSERT INTO governance.proposals (proposer_id, title, description, voting_starts_at, voting_ends_at, quorum) VALUES (3, 'App', 'x', pg_catalog.now(), pg_catalog.now() + interval '1 day', 1)$$,
                'governance.proposals.proposals_insert_app: the backend creates');
SELECT lives_ok($$UPDATE governance.proposals SET status = 'cancelled' WHERE proposer_id = 3$$, 'governance.proposals.proposals_update_app: the backend updates');
SELECT lives_ok($$DELETE FROM governance.proposals WHERE proposer_id = 3$$, 'governance.proposals.proposals_delete_app: the backend deletes');
SELECT throws_ok($$UPDATE governance.proposals SET votes_for = 1000 WHERE id = 1$$, '42501', NULL,
                 'governance.proposals.votes_for: chain_app cannot write the tallies');
SELECT throws_ok($$INSERT INTO governance.proposals (proposer_id, title, description, voting_starts_at, voting_ends_at, quorum, votes_against)
                   VALUES (3, 'App', 'x', pg_catalog.now(), pg_catalog.now() + interval '1 day', 1, 50)$$, '42501', NULL,
                 'governance.proposals.votes_against: chain_app cannot create a proposal with a tally');
SELECT tests.act_as_role('chain_owner');
SELECT is((SELECT pg_catalog.count(*)::int FROM governance.proposals), 5,
          'governance.proposals.proposals_select_owner: the owner (the tally trigger) reads every proposal');
SELECT lives_ok($$UPDATE governance.proposals SET votes_abstain = votes_abstain WHERE id = 1$$,
                'governance.proposals.proposals_update_owner: the owner (the tally trigger) updates tallies');
SELECT tests.reset_role();

SELECT * FROM finish();
ROLLBACK;
