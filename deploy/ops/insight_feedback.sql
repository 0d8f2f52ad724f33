-- Deploy chaindb:ops/insight_feedback to pg
-- requires: ops/schema
-- requires: ops/retention_policies
-- requires: core/backend_access
-- requires: core/set_updated_at
-- requires: core/notify_change

-- squawk-ignore-file prefer-text-field -- seed 003 declares these columns VARCHAR(n) and its clients bind them so; the length is the check
BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SET LOCAL ROLE chain_owner;

-- Seed 003 "insight_feedback", column for column, with its named constraints and indexes.
-- Decisions: TIMESTAMP → timestamptz (D-O1); flag_type is the closed set of the three listed values
-- (D-O7); insight_id and user_id are soft references (BigQuery insight, Firebase Auth uid: no FK,
-- not core.users).
CREATE TABLE ops.insight_feedback (
    id           uuid PRIMARY KEY DEFAULT pg_catalog.gen_random_uuid(),
    insight_id   varchar(100) NOT NULL,
    user_id      varchar(100) NOT NULL,
    rating       integer,
    comment      text,
    flag_type    varchar(50),
    flag_reason  text,
    created_at   timestamptz NOT NULL DEFAULT pg_catalog.now(),
    updated_at   timestamptz NOT NULL DEFAULT pg_catalog.now(),
    CONSTRAINT uq_insight_user_feedback UNIQUE (insight_id, user_id),
    CONSTRAINT chk_rating_range CHECK (rating IS NULL OR (rating >= 1 AND rating <= 5)),
    CONSTRAINT insight_feedback_insight_id_check CHECK (pg_catalog.btrim(insight_id) <> ''),
    CONSTRAINT insight_feedback_user_id_check CHECK (pg_catalog.btrim(user_id) <> ''),
    CONSTRAINT insight_feedback_flag_type_check CHECK (flag_type IN ('inaccurate', 'misleading', 'spam')),
    CONSTRAINT insight_feedback_flag_reason_check CHECK (flag_reason IS NULL OR flag_type IS NOT NULL)
);
CREATE INDEX idx_feedback_insight ON ops.insight_feedback (insight_id);
CREATE INDEX idx_feedback_user ON ops.insight_feedback (user_id);
CREATE INDEX idx_feedback_created ON ops.insight_feedback (created_at);
-- beyond the seed, for two of its example queries: recent comments of an insight without a sort,
-- and the flagged-insights report without a full scan
CREATE INDEX insight_feedback_comments_idx ON ops.insight_feedback (insight_id, created_at DESC)
    WHERE comment IS NOT NULL;
CREATE INDEX insight_feedback_flagged_idx ON ops.insight_feedback (insight_id) INCLUDE (flag_type)
    WHERE flag_type IS NOT NULL;

CREATE TRIGGER insight_feedback_set_updated_at BEFORE UPDATE ON ops.insight_feedback
    FOR EACH ROW WHEN (OLD IS DISTINCT FROM NEW) EXECUTE FUNCTION core.set_updated_at();

COMMENT ON TABLE ops.insight_feedback IS 'utxoIQ (seed 003 insight_feedback): user feedback on AI-generated insights (rating, comment, flag); one row per user and insight, written by upsert (ops.upsert_insight_feedback merges). Backend table (chain_app); change feed on chaindb_changes replaces the seed''s Redis invalidation. Retention: archived after 2 years.';
COMMENT ON COLUMN ops.insight_feedback.id IS 'Unique feedback identifier (UUID; generated when the client sends none).';
COMMENT ON COLUMN ops.insight_feedback.insight_id IS 'Insight identifier (from BigQuery): a soft reference, no foreign key.';
COMMENT ON COLUMN ops.insight_feedback.user_id IS 'User identifier (Firebase Auth uid): a soft reference, not a core.users id.';
COMMENT ON COLUMN ops.insight_feedback.rating IS 'Star rating 1-5, or NULL.';
COMMENT ON COLUMN ops.insight_feedback.comment IS 'User comment text.';
COMMENT ON COLUMN ops.insight_feedback.flag_type IS 'Flag: inaccurate, misleading or spam (closed set, D-O7), or NULL.';
COMMENT ON COLUMN ops.insight_feedback.flag_reason IS 'Detailed flag reason; only with a flag.';
COMMENT ON COLUMN ops.insight_feedback.created_at IS 'Feedback creation time (seed TIMESTAMP, stored as timestamptz: D-O1); the retention clock (D-O5).';
COMMENT ON COLUMN ops.insight_feedback.updated_at IS 'Last update, maintained by insight_feedback_set_updated_at.';
COMMENT ON CONSTRAINT uq_insight_user_feedback ON ops.insight_feedback IS 'Seed constraint: one feedback per user-insight combination (the upsert''s conflict target).';
COMMENT ON CONSTRAINT chk_rating_range ON ops.insight_feedback IS 'Seed constraint: rating NULL or 1..5.';
COMMENT ON CONSTRAINT insight_feedback_insight_id_check ON ops.insight_feedback IS 'An insight id is not blank.';
COMMENT ON CONSTRAINT insight_feedback_user_id_check ON ops.insight_feedback IS 'A user id is not blank.';
COMMENT ON CONSTRAINT insight_feedback_flag_type_check ON ops.insight_feedback IS 'The seed''s three flag types (D-O7).';
COMMENT ON CONSTRAINT insight_feedback_flag_reason_check ON ops.insight_feedback IS 'A flag reason needs a flag.';
COMMENT ON INDEX ops.idx_feedback_insight IS 'Seed index: feedback of one insight (redundant with uq_insight_user_feedback''s leading column; kept because the seed names it).';
COMMENT ON INDEX ops.idx_feedback_user IS 'Seed index: a user''s feedback history.';
COMMENT ON INDEX ops.idx_feedback_created IS 'Seed index: feedback by creation time (the 2-year retention rule).';
COMMENT ON INDEX ops.insight_feedback_comments_idx IS 'Partial: the newest comments of an insight, without a sort (seed example "recent comments").';
COMMENT ON INDEX ops.insight_feedback_flagged_idx IS 'Partial: flagged feedback by insight, with its flag type (seed example "flagged insights").';
COMMENT ON TRIGGER insight_feedback_set_updated_at ON ops.insight_feedback IS 'Keeps updated_at current on real changes.';

\ir ../../functions/ops/insight_feedback.sql
\ir ../../roles/ops/insight_feedback.sql

-- the seed's feedback-stats cache (Redis TTL 1 h) invalidates on write: the change feed
SELECT core.enable_notify('ops.insight_feedback');

-- Seed 003: "Archive feedback older than 2 years" (archive before deletion); D-O5: by created_at.
INSERT INTO ops.retention_policies (table_name, time_column, keep_hot, action, note) VALUES
    ('ops.insight_feedback', 'created_at', interval '2 years', 'archive',
     'seed 003: hot 2 years, archived as JSON then deleted; D-O5: by created_at; archive kept (no expiry in the seed)');

COMMIT;
