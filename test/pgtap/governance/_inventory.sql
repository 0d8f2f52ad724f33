-- pgTAP: governance — exactly these objects (an unexpected one fails). Later changes adding to governance
-- extend these lists.
BEGIN;
SELECT plan(13);

SELECT tables_are('governance', ARRAY['proposals', 'votes'], 'governance: tables');
SELECT views_are('governance', ARRAY['active_proposals'], 'governance: views');
SELECT materialized_views_are('governance', ARRAY[]::name[], 'governance: materialized views');
SELECT functions_are('governance', ARRAY['cast_vote', 'tally_vote'], 'governance: functions');
SELECT enums_are('governance', ARRAY['proposal_status', 'vote_choice'], 'governance: enums');
SELECT domains_are('governance', ARRAY[]::name[], 'governance: domains');
SELECT sequences_are('governance', ARRAY['proposals_id_seq', 'votes_id_seq'], 'governance: sequences');
SELECT indexes_are('governance', 'proposals', ARRAY['proposals_pkey', 'proposals_proposer_id_idx', 'proposals_status_voting_ends_at_idx'], 'governance.proposals: indexes');
SELECT triggers_are('governance', 'proposals', ARRAY['audit_capture', 'audit_capture_truncate', 'proposals_set_updated_at', 'proposals_state_machine'], 'governance.proposals: triggers');
SELECT policies_are('governance', 'proposals', ARRAY['proposals_delete_app', 'proposals_insert_app', 'proposals_insert_own', 'proposals_select_app', 'proposals_select_owner', 'proposals_select_public', 'proposals_select_readonly', 'proposals_update_app', 'proposals_update_owner'], 'governance.proposals: policies');
SELECT indexes_are('governance', 'votes', ARRAY['votes_pkey', 'votes_proposal_id_voter_id_key', 'votes_voter_id_idx'], 'governance.votes: indexes');
SELECT triggers_are('governance', 'votes', ARRAY['audit_capture', 'audit_capture_truncate', 'votes_cast', 'votes_tally'], 'governance.votes: triggers');
SELECT policies_are('governance', 'votes', ARRAY['votes_insert_app', 'votes_insert_own', 'votes_select_app', 'votes_select_own', 'votes_select_readonly', 'votes_select_owner'], 'governance.votes: policies');

SELECT * FROM finish();
ROLLBACK;
