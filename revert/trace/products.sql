-- Revert chaindb:trace/products from pg

BEGIN;

SELECT audit.disable_tracking('trace.products');
-- policies, grants, indexes and triggers go with the table
DROP TABLE trace.products;

COMMIT;
