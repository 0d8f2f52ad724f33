-- Revert chaindb:analytics/user_activity_summary from pg

BEGIN;

DELETE FROM maint.matview_schedule WHERE matview = 'analytics.user_activity_summary'::regclass;
DROP MATERIALIZED VIEW analytics.user_activity_summary;

COMMIT;
