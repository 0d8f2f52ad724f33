-- Deploy chaindb:analytics/manufacturing_summary to pg
-- requires: analytics/schema
-- requires: maint/matview_schedule
-- requires: manufacturing/milestones
-- requires: manufacturing/quality_assurance

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SET LOCAL ROLE chain_owner;

\ir ../../views/analytics/manufacturing_summary.sql

REFRESH MATERIALIZED VIEW analytics.manufacturing_summary;
INSERT INTO maint.matview_schedule (matview, cadence, note)
VALUES ('analytics.manufacturing_summary', interval '30 minutes', 'seed 000: GET /api/analytics/manufacturing, cache TTL 30 minutes');

COMMIT;
