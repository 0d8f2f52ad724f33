-- pgTAP: governance/active_proposals — governance.active_proposals view.
BEGIN;
SELECT plan(11);

SELECT tests.view_conventions('governance.active_proposals', ARRAY['chain_app', 'chain_readonly', 'chain_user']);  -- 6: owner, comments, read path, readers, read-only
SELECT columns_are('governance', 'active_proposals', ARRAY['id', 'proposer_id', 'title', 'description', 'voting_starts_at', 'voting_ends_at', 'quorum', 'votes_for', 'votes_against', 'votes_abstain', 'votes_total', 'quorum_reached'], 'governance.active_proposals: exactly these columns');

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

INSERT INTO governance.votes (proposal_id, voter_id, choice, weight) VALUES (1, 1, 'for', 2), (1, 2, 'against', 1);

-- behaviour
SELECT results_eq($$SELECT id, votes_total, quorum_reached FROM governance.active_proposals$$,
                  $$VALUES (1::bigint, 3::numeric, true)$$,
                  'governance.active_proposals: active and inside the window only (not drafts, not future, not closed); total and quorum');
UPDATE governance.proposals SET quorum = 10 WHERE id = 1;
SELECT is((SELECT quorum_reached FROM governance.active_proposals WHERE id = 1), false, 'governance.active_proposals: quorum not reached below the quorum');
UPDATE governance.proposals SET voting_starts_at = pg_catalog.now() - interval '1 hour' WHERE id = 3;
SELECT results_eq($$SELECT id FROM governance.active_proposals$$, ARRAY[1::bigint, 3],
                  'governance.active_proposals: closing soonest first');
SELECT tests.act_as(3);
SELECT is((SELECT pg_catalog.count(*)::int FROM governance.active_proposals), 2, 'governance.active_proposals: readable by chain_user');
SELECT tests.reset_role();

SELECT * FROM finish();
ROLLBACK;
