-- Verify chaindb:manufacturing/order_progress on pg

SELECT 1 / pg_catalog.has_function_privilege('chain_user', 'manufacturing.order_progress(bigint)', 'EXECUTE')::int;
SELECT order_id, completed_fraction, paid_fraction FROM manufacturing.order_progress(0) WHERE FALSE;
