-- Deploy chaindb:education/practice_sessions to pg
-- requires: education/schema
-- requires: core/users
-- requires: core/set_updated_at

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SET LOCAL ROLE chain_owner;

CREATE TYPE education.practice_status AS ENUM ('active', 'completed', 'abandoned');
COMMENT ON TYPE education.practice_status IS 'State of a simulated trading session: active, completed (final balance known), abandoned.';

CREATE TABLE education.practice_sessions (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id         bigint NOT NULL REFERENCES core.users (id) ON DELETE CASCADE,
    trading_pair    text NOT NULL CHECK (trading_pair ~ '^[A-Za-z0-9]{1,16}/[A-Za-z0-9]{1,16}$'),
    strategy_params jsonb NOT NULL DEFAULT '{}' CHECK (pg_catalog.jsonb_typeof(strategy_params) = 'object'),
    initial_balance numeric(38, 18) NOT NULL CHECK (initial_balance > 0),
    final_balance   numeric(38, 18) CHECK (final_balance >= 0),
    trades_count    integer NOT NULL DEFAULT 0 CHECK (trades_count >= 0),
    profit_loss     numeric(38, 18) GENERATED ALWAYS AS (final_balance - initial_balance) STORED,
    metrics         jsonb NOT NULL DEFAULT '{}' CHECK (pg_catalog.jsonb_typeof(metrics) = 'object'),
    portfolio       jsonb NOT NULL DEFAULT '{}' CHECK (pg_catalog.jsonb_typeof(portfolio) = 'object'),
    status          education.practice_status NOT NULL DEFAULT 'active',
    started_at      timestamptz NOT NULL DEFAULT pg_catalog.now(),
    ended_at        timestamptz,
    created_at      timestamptz NOT NULL DEFAULT pg_catalog.now(),
    updated_at      timestamptz NOT NULL DEFAULT pg_catalog.now(),
    CONSTRAINT practice_sessions_ended CHECK ((status = 'active') = (ended_at IS NULL)),
    CONSTRAINT practice_sessions_completed_balance CHECK (status <> 'completed' OR final_balance IS NOT NULL),
    CONSTRAINT practice_sessions_ended_after_start CHECK (ended_at >= started_at)
);
-- a user's sessions, newest first (the practice history endpoint; leads with the policy column)
CREATE INDEX practice_sessions_user_id_started_at_idx ON education.practice_sessions (user_id, started_at DESC);

-- no WHEN (OLD IS DISTINCT FROM NEW): a BEFORE trigger's WHEN cannot see the generated profit_loss
CREATE TRIGGER practice_sessions_set_updated_at BEFORE UPDATE ON education.practice_sessions
    FOR EACH ROW EXECUTE FUNCTION core.set_updated_at();

COMMENT ON TABLE education.practice_sessions IS 'Simulated grid-trading sessions (risk-free practice): strategy, balances, trades, P&L, metrics, portfolio. RLS: a user sees and changes its own.';
COMMENT ON COLUMN education.practice_sessions.id IS 'Identity.';
COMMENT ON COLUMN education.practice_sessions.user_id IS 'The learner (owner of the row).';
COMMENT ON COLUMN education.practice_sessions.trading_pair IS 'Simulated pair as BASE/QUOTE, e.g. ERG/SigUSD.';
COMMENT ON COLUMN education.practice_sessions.strategy_params IS 'Grid strategy parameters as a JSON object (range, grid count, …).';
COMMENT ON COLUMN education.practice_sessions.initial_balance IS 'Simulated starting balance in the quote currency; positive.';
COMMENT ON COLUMN education.practice_sessions.final_balance IS 'Simulated balance at the end; required once completed.';
COMMENT ON COLUMN education.practice_sessions.trades_count IS 'Simulated trades executed.';
COMMENT ON COLUMN education.practice_sessions.profit_loss IS 'final_balance - initial_balance (generated); NULL while no final balance.';
COMMENT ON COLUMN education.practice_sessions.metrics IS 'Performance metrics as a JSON object (win rate, drawdown, …).';
COMMENT ON COLUMN education.practice_sessions.portfolio IS 'Simulated portfolio as a JSON object (holdings per asset).';
COMMENT ON COLUMN education.practice_sessions.status IS 'active, completed or abandoned.';
COMMENT ON COLUMN education.practice_sessions.started_at IS 'Start of the session.';
COMMENT ON COLUMN education.practice_sessions.ended_at IS 'End of the session; set exactly when no longer active.';
COMMENT ON COLUMN education.practice_sessions.created_at IS 'Creation time.';
COMMENT ON COLUMN education.practice_sessions.updated_at IS 'Last change, maintained by practice_sessions_set_updated_at.';
COMMENT ON CONSTRAINT practice_sessions_ended ON education.practice_sessions IS 'ended_at is set exactly when the session is no longer active.';
COMMENT ON CONSTRAINT practice_sessions_completed_balance ON education.practice_sessions IS 'A completed session has its final balance.';
COMMENT ON CONSTRAINT practice_sessions_ended_after_start ON education.practice_sessions IS 'A session does not end before it starts.';
COMMENT ON INDEX education.practice_sessions_user_id_started_at_idx IS 'A user''s sessions, newest first; serves the own-row policies.';
COMMENT ON TRIGGER practice_sessions_set_updated_at ON education.practice_sessions IS 'Keeps updated_at current on every update.';

\ir ../../roles/education/practice_sessions.sql

COMMIT;
