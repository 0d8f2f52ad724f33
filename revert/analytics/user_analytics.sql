-- Revert chaindb:analytics/user_analytics from pg

BEGIN;

DROP TABLE analytics.user_analytics;

COMMIT;
