-- Revert chaindb:governance/votes from pg

BEGIN;

SELECT audit.disable_tracking('governance.votes');
DROP TABLE governance.votes;
DROP FUNCTION governance.cast_vote();
DROP FUNCTION governance.tally_vote();
DROP TYPE governance.vote_choice;

COMMIT;
