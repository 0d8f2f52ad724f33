-- Revert chaindb:governance/proposals from pg

BEGIN;

SELECT audit.disable_tracking('governance.proposals');
DROP TABLE governance.proposals;
DROP TYPE governance.proposal_status;

COMMIT;
