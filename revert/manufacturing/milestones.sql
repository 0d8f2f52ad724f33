-- Revert chaindb:manufacturing/milestones from pg

BEGIN;

DROP TRIGGER orders_total_covers_milestones ON manufacturing.orders;
DROP FUNCTION manufacturing.check_order_total();
DROP TABLE manufacturing.milestones;
DROP FUNCTION manufacturing.check_milestone_total();
DROP TYPE manufacturing.milestone_status;

COMMIT;
