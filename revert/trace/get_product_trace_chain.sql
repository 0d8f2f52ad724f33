-- Revert chaindb:trace/get_product_trace_chain from pg

BEGIN;

DROP FUNCTION trace.get_product_trace_chain(bigint);

COMMIT;
