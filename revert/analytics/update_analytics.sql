-- Revert chaindb:analytics/update_analytics from pg

BEGIN;

DROP FUNCTION analytics.update_analytics();

COMMIT;
