-- Revert chaindb:manufacturing/orders from pg

BEGIN;

DROP TABLE manufacturing.orders;
DROP TYPE manufacturing.order_status;

COMMIT;
