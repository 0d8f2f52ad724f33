-- Revert chaindb:trading/orders from pg

BEGIN;

SELECT audit.disable_tracking('trading.orders');
-- policies, grants, indexes and triggers (change feed included) go with the table
DROP TABLE trading.orders;
DROP TYPE trading.order_status;
DROP TYPE trading.order_type;
DROP TYPE trading.order_side;

COMMIT;
