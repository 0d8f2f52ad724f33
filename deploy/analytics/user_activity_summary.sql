-- Deploy chaindb:analytics/user_activity_summary to pg
-- requires: analytics/schema
-- requires: maint/matview_schedule
-- requires: trace/checkpoints
-- requires: token/trace_points
-- requires: token/transactions
-- requires: core/backend_access_tables

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SET LOCAL ROLE chain_owner;

\ir ../../views/analytics/user_activity_summary.sql

-- plain columns, no WHERE: REFRESH ... CONCURRENTLY needs exactly such a unique index
CREATE UNIQUE INDEX user_activity_summary_user_id_key ON analytics.user_activity_summary (user_id);

COMMENT ON MATERIALIZED VIEW analytics.user_activity_summary IS 'Seed "User Activity Summary": one row per user with products manufactured, checkpoints recorded, trace points and confirmed TRACE tokens (each source aggregated per user before the join, so nothing is multiplied). Refreshed daily or on demand (maint.matview_schedule); CONCURRENTLY through its unique index. Never granted to chain_user.';
COMMENT ON COLUMN analytics.user_activity_summary.user_id IS 'The user (unique).';
COMMENT ON COLUMN analytics.user_activity_summary.tier IS 'Its tier (core.users.tier, the seed''s user_tier).';
COMMENT ON COLUMN analytics.user_activity_summary.total_products IS 'Products it manufactures.';
COMMENT ON COLUMN analytics.user_activity_summary.total_checkpoints IS 'Checkpoints it recorded as a stakeholder.';
COMMENT ON COLUMN analytics.user_activity_summary.total_trace_points IS 'Sum of its trace points.';
COMMENT ON COLUMN analytics.user_activity_summary.total_trace_tokens IS 'Sum of its confirmed TRACE token transactions.';
COMMENT ON COLUMN analytics.user_activity_summary.last_activity_at IS 'Latest product registration, checkpoint, points or transaction; NULL when none.';
COMMENT ON INDEX analytics.user_activity_summary_user_id_key IS 'Unique, plain column, no WHERE: allows REFRESH CONCURRENTLY; lookups by user.';

-- a matview cannot carry RLS: SELECT for chain_analytics, chain_app and chain_readonly comes from
-- the analytics schema's default privileges; chain_user gets nothing
INSERT INTO maint.matview_schedule (matview, cadence, note)
VALUES ('analytics.user_activity_summary', interval '1 day', 'seed 002: refreshed daily or on demand');

REFRESH MATERIALIZED VIEW analytics.user_activity_summary;

COMMIT;
