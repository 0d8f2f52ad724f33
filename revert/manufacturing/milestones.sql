-- Revert chaindb:manufacturing/milestones from pg

BEGIN;

DROP TABLE manufacturing.milestones;
DROP FUNCTION manufacturing.check_milestone_total();
DROP TYPE manufacturing.milestone_status;

COMMIT;
