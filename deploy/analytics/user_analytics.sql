-- Deploy chaindb:analytics/user_analytics to pg
-- requires: analytics/schema
-- requires: core/users
-- requires: core/backend_access
-- requires: core/set_updated_at

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SET LOCAL ROLE chain_owner;

CREATE TABLE analytics.user_analytics (
    user_id             bigint PRIMARY KEY REFERENCES core.users (id) ON DELETE CASCADE,
    total_products      integer NOT NULL DEFAULT 0 CHECK (total_products >= 0),
    total_checkpoints   integer NOT NULL DEFAULT 0 CHECK (total_checkpoints >= 0),
    total_trace_points  bigint NOT NULL DEFAULT 0 CHECK (total_trace_points >= 0),
    total_trace_tokens  numeric(36, 18) NOT NULL DEFAULT 0 CHECK (total_trace_tokens >= 0),
    trust_rating        numeric(5, 2) NOT NULL DEFAULT 0 CHECK (trust_rating BETWEEN 0 AND 100),
    last_activity_at    timestamptz,
    updated_at          timestamptz NOT NULL DEFAULT pg_catalog.now()
);

COMMENT ON TABLE analytics.user_analytics IS 'Seed user_analytics: per-user TraceChain analytics, written only by analytics.update_analytics() (from the refreshed matview user_activity_summary). Derived: CASCADE with the user. Read by chain_analytics, chain_app, chain_readonly; not by chain_user (schema analytics gives end users nothing: a departure from the checklist''s own-row proposal, the backend serves a user its row).';
COMMENT ON COLUMN analytics.user_analytics.user_id IS 'The user (PK: the seed''s user index; the upsert key).';
COMMENT ON COLUMN analytics.user_analytics.total_products IS 'Products the user manufactures, >= 0.';
COMMENT ON COLUMN analytics.user_analytics.total_checkpoints IS 'Checkpoints the user recorded as a stakeholder, >= 0.';
COMMENT ON COLUMN analytics.user_analytics.total_trace_points IS 'Sum of the user''s trace points, >= 0.';
COMMENT ON COLUMN analytics.user_analytics.total_trace_tokens IS 'Sum of the user''s confirmed TRACE token transactions, >= 0.';
COMMENT ON COLUMN analytics.user_analytics.trust_rating IS 'trace.calculate_trust_score() (formula in its COMMENT), 0..100.';
COMMENT ON COLUMN analytics.user_analytics.last_activity_at IS 'Latest of: product registered, checkpoint recorded, points earned, transaction recorded.';
COMMENT ON COLUMN analytics.user_analytics.updated_at IS 'When update_analytics last changed the row.';

CREATE TRIGGER user_analytics_set_updated_at BEFORE UPDATE ON analytics.user_analytics
    FOR EACH ROW WHEN (OLD IS DISTINCT FROM NEW) EXECUTE FUNCTION core.set_updated_at();
COMMENT ON TRIGGER user_analytics_set_updated_at ON analytics.user_analytics IS 'Keeps updated_at current on real changes (update_analytics writes only changed rows).';

\ir ../../roles/analytics/user_analytics.sql

COMMIT;
