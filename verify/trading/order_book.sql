-- Verify chaindb:trading/order_book on pg

SELECT 1 / pg_catalog.has_function_privilege('chain_user', 'trading.order_book(bigint, int)', 'EXECUTE')::int;
SELECT side, price, quantity, order_count FROM trading.order_book(0) WHERE FALSE;
