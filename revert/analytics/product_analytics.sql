-- Revert chaindb:analytics/product_analytics from pg

BEGIN;

DROP TABLE analytics.product_analytics;

COMMIT;
