-- Revert chaindb:manufacturing/orders from pg

BEGIN;

DROP FUNCTION manufacturing.party_order_ids();
DROP TABLE manufacturing.orders;
DROP TYPE manufacturing.order_status;

COMMIT;
