-- Deploy chaindb:analytics/update_analytics to pg
-- requires: analytics/product_analytics
-- requires: analytics/user_analytics
-- requires: analytics/product_traceability_summary
-- requires: analytics/user_activity_summary
-- requires: analytics/compliance_summary
-- requires: trace/calculate_trust_score

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SET LOCAL ROLE chain_owner;

\ir ../../functions/analytics/update_analytics.sql

COMMIT;
