-- Revert chaindb:trading/order_book from pg

BEGIN;

DROP FUNCTION trading.order_book(bigint, int);

COMMIT;
