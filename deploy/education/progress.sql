-- Deploy chaindb:education/progress to pg
-- requires: education/modules
-- requires: core/users

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SET LOCAL ROLE chain_owner;

CREATE TYPE education.progress_status AS ENUM ('locked', 'available', 'in_progress', 'completed');
COMMENT ON TYPE education.progress_status IS 'Where a user stands on a module: locked (prerequisites unmet), available, in_progress, completed (quiz passed).';

CREATE TABLE education.progress (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id      bigint NOT NULL REFERENCES core.users (id) ON DELETE CASCADE,
    module_id    bigint NOT NULL REFERENCES education.modules (id) ON DELETE CASCADE,
    status       education.progress_status NOT NULL DEFAULT 'available',
    quiz_score   smallint CHECK (quiz_score BETWEEN 0 AND 100),
    attempts     integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    started_at   timestamptz,
    completed_at timestamptz,
    created_at   timestamptz NOT NULL DEFAULT pg_catalog.now(),
    updated_at   timestamptz NOT NULL DEFAULT pg_catalog.now(),
    CONSTRAINT progress_user_module_key UNIQUE (user_id, module_id),
    CONSTRAINT progress_started CHECK (status NOT IN ('in_progress', 'completed') OR started_at IS NOT NULL),
    CONSTRAINT progress_completed CHECK ((status = 'completed') = (completed_at IS NOT NULL)
                                         AND (status <> 'completed' OR quiz_score IS NOT NULL)),
    CONSTRAINT progress_completed_after_start CHECK (completed_at >= started_at)
);
CREATE INDEX progress_module_id_status_idx ON education.progress (module_id, status);

\ir ../../functions/education/progress.sql

CREATE TRIGGER progress_check_unlock BEFORE INSERT OR UPDATE ON education.progress
    FOR EACH ROW EXECUTE FUNCTION education.check_module_unlock();
CREATE TRIGGER progress_set_updated_at BEFORE UPDATE ON education.progress
    FOR EACH ROW WHEN (OLD IS DISTINCT FROM NEW) EXECUTE FUNCTION core.set_updated_at();

COMMENT ON TABLE education.progress IS 'Progress of a user on a module [user_module_progress], one row per user and module. Unlock requirements enforced by progress_check_unlock. RLS: a user sees its own rows.';
COMMENT ON COLUMN education.progress.id IS 'Identity.';
COMMENT ON COLUMN education.progress.user_id IS 'The learner (owner of the row).';
COMMENT ON COLUMN education.progress.module_id IS 'The module.';
COMMENT ON COLUMN education.progress.status IS 'locked, available, in_progress or completed; in_progress/completed only once every prerequisite is completed with its pass mark.';
COMMENT ON COLUMN education.progress.quiz_score IS 'Best quiz score 0-100, set by the backend when it grades an attempt.';
COMMENT ON COLUMN education.progress.attempts IS 'Quiz attempts so far.';
COMMENT ON COLUMN education.progress.started_at IS 'First start; set by the trigger when the module is started without one.';
COMMENT ON COLUMN education.progress.completed_at IS 'Completion; set by the trigger on completion, cleared when the status leaves completed.';
COMMENT ON COLUMN education.progress.created_at IS 'Creation time.';
COMMENT ON COLUMN education.progress.updated_at IS 'Last change, maintained by progress_set_updated_at.';
COMMENT ON CONSTRAINT progress_user_module_key ON education.progress IS 'One row per user and module; serves the own-row policies and a user''s progress lookup.';
COMMENT ON CONSTRAINT progress_started ON education.progress IS 'A started or completed module has started_at.';
COMMENT ON CONSTRAINT progress_completed ON education.progress IS 'completed_at is set exactly when completed, and a completed module has a quiz score.';
COMMENT ON CONSTRAINT progress_completed_after_start ON education.progress IS 'Completion is not before the start.';
COMMENT ON INDEX education.progress_module_id_status_idx IS 'Learners of a module by status (FK lookups, completion statistics).';
COMMENT ON TRIGGER progress_check_unlock ON education.progress IS 'Unlock requirements: rejects starting or completing a module before its prerequisites are met (55000) and completing below the pass mark (23514); fills started_at/completed_at.';
COMMENT ON TRIGGER progress_set_updated_at ON education.progress IS 'Keeps updated_at current on real changes.';

\ir ../../roles/education/progress.sql

COMMIT;
