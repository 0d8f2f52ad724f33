-- Revert chaindb:analytics/product_traceability_summary from pg

BEGIN;

DELETE FROM maint.matview_schedule WHERE matview = 'analytics.product_traceability_summary'::regclass;
DROP MATERIALIZED VIEW analytics.product_traceability_summary;

COMMIT;
