-- Revert chaindb:analytics/compliance_summary from pg

BEGIN;

DELETE FROM maint.matview_schedule WHERE matview = 'analytics.compliance_summary'::regclass;
DROP MATERIALIZED VIEW analytics.compliance_summary;

COMMIT;
