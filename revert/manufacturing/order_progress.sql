-- Revert chaindb:manufacturing/order_progress from pg

BEGIN;

DROP FUNCTION manufacturing.order_progress(bigint);

COMMIT;
