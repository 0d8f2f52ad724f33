-- Deploy chaindb:education/modules to pg
-- requires: education/schema
-- requires: core/set_updated_at

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SET LOCAL ROLE chain_owner;

CREATE TYPE education.module_difficulty AS ENUM ('beginner', 'intermediate', 'advanced');
COMMENT ON TYPE education.module_difficulty IS 'How hard a learning module is.';

CREATE TABLE education.modules (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug              text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND pg_catalog.length(slug) <= 64),
    title             text NOT NULL CHECK (pg_catalog.length(pg_catalog.btrim(title)) BETWEEN 1 AND 200),
    description       text,
    content           jsonb NOT NULL DEFAULT '{}' CHECK (pg_catalog.jsonb_typeof(content) = 'object'),
    quiz              jsonb NOT NULL DEFAULT '{"questions": []}',
    position          integer NOT NULL CHECK (position > 0),
    difficulty        education.module_difficulty NOT NULL DEFAULT 'beginner',
    min_quiz_score    smallint NOT NULL DEFAULT 70 CHECK (min_quiz_score BETWEEN 0 AND 100),
    is_required       boolean NOT NULL DEFAULT true,
    estimated_minutes integer CHECK (estimated_minutes > 0),
    is_published      boolean NOT NULL DEFAULT false,
    created_at        timestamptz NOT NULL DEFAULT pg_catalog.now(),
    updated_at        timestamptz NOT NULL DEFAULT pg_catalog.now(),
    -- deferrable: reordering swaps positions inside one transaction
    CONSTRAINT modules_position_key UNIQUE (position) DEFERRABLE INITIALLY IMMEDIATE,
    -- {"questions": [{"question": …, "options": […], "answer": …}, …]}: every question has its answer
    CONSTRAINT modules_quiz_shape CHECK (
        pg_catalog.jsonb_typeof(quiz) = 'object'
        AND COALESCE(pg_catalog.jsonb_typeof(quiz -> 'questions') = 'array', false)
        AND NOT pg_catalog.jsonb_path_exists(quiz,
                '$.questions[*] ? (!(exists(@.question)) || !(exists(@.answer)))'))
);
-- the published catalogue in learning order (policy column is_published leads)
CREATE INDEX modules_published_position_idx ON education.modules (is_published, position);

CREATE TRIGGER modules_set_updated_at BEFORE UPDATE ON education.modules
    FOR EACH ROW WHEN (OLD IS DISTINCT FROM NEW) EXECUTE FUNCTION core.set_updated_at();

COMMENT ON TABLE education.modules IS 'Off the Grid learning modules [education_modules]: content, quiz, learning order, pass mark, prerequisites (education.module_prerequisites). RLS: published modules are readable by every role; unpublished ones by chain_app only.';
COMMENT ON COLUMN education.modules.id IS 'Identity.';
COMMENT ON COLUMN education.modules.slug IS 'URL name: lower-case words joined by hyphens, unique.';
COMMENT ON COLUMN education.modules.title IS 'Display title (1-200 characters).';
COMMENT ON COLUMN education.modules.description IS 'Short summary shown in the catalogue.';
COMMENT ON COLUMN education.modules.content IS 'Lesson content as a JSON object (sections, media, …).';
COMMENT ON COLUMN education.modules.quiz IS 'Quiz as {"questions": [{"question", "options", "answer"}, …]}; every question carries its answer (graded by the backend, never shown to end users by the app).';
COMMENT ON COLUMN education.modules.position IS 'Place in the learning order, unique (deferrable, so positions can be swapped in one transaction).';
COMMENT ON COLUMN education.modules.difficulty IS 'Difficulty level.';
COMMENT ON COLUMN education.modules.min_quiz_score IS 'Pass mark 0-100: the module counts as completed, and unlocks the modules requiring it, only with a quiz score at least this.';
COMMENT ON COLUMN education.modules.is_required IS 'True when the module counts toward ready_for_trading (education.user_summary).';
COMMENT ON COLUMN education.modules.estimated_minutes IS 'Expected time to complete, in minutes.';
COMMENT ON COLUMN education.modules.is_published IS 'Visible to end users; unpublished modules are drafts seen by chain_app only.';
COMMENT ON COLUMN education.modules.created_at IS 'Creation time.';
COMMENT ON COLUMN education.modules.updated_at IS 'Last change, maintained by modules_set_updated_at.';
COMMENT ON CONSTRAINT modules_position_key ON education.modules IS 'One module per position (deferrable).';
COMMENT ON CONSTRAINT modules_quiz_shape ON education.modules IS 'quiz is {"questions": [...]} and every question has "question" and "answer".';
COMMENT ON INDEX education.modules_published_position_idx IS 'The published catalogue in learning order; serves the is_published policy.';
COMMENT ON TRIGGER modules_set_updated_at ON education.modules IS 'Keeps updated_at current on real changes.';

-- Unlock requirements: a module is unlocked when every prerequisite is completed with at least
-- the prerequisite's min_quiz_score (enforced on education.progress).
CREATE TABLE education.module_prerequisites (
    module_id       bigint NOT NULL REFERENCES education.modules (id) ON DELETE CASCADE,
    prerequisite_id bigint NOT NULL REFERENCES education.modules (id) ON DELETE RESTRICT,
    created_at      timestamptz NOT NULL DEFAULT pg_catalog.now(),
    PRIMARY KEY (module_id, prerequisite_id),
    CONSTRAINT module_prerequisites_not_self CHECK (module_id <> prerequisite_id)
);
CREATE INDEX module_prerequisites_prerequisite_id_idx ON education.module_prerequisites (prerequisite_id);

\ir ../../functions/education/modules.sql

CREATE TRIGGER module_prerequisites_acyclic BEFORE INSERT OR UPDATE ON education.module_prerequisites
    FOR EACH ROW EXECUTE FUNCTION education.check_prerequisite_cycle();

COMMENT ON TABLE education.module_prerequisites IS 'Unlock requirements: module_id may be started only once prerequisite_id is completed with its pass mark. Acyclic (module_prerequisites_acyclic). Readable like the modules.';
COMMENT ON COLUMN education.module_prerequisites.module_id IS 'The module that is locked until its prerequisites are met.';
COMMENT ON COLUMN education.module_prerequisites.prerequisite_id IS 'A module to complete first (cannot be deleted while required).';
COMMENT ON COLUMN education.module_prerequisites.created_at IS 'When the requirement was added.';
COMMENT ON CONSTRAINT module_prerequisites_not_self ON education.module_prerequisites IS 'A module is not its own prerequisite.';
COMMENT ON INDEX education.module_prerequisites_prerequisite_id_idx IS 'Modules that require a given module (FK lookups, deletes).';
COMMENT ON TRIGGER module_prerequisites_acyclic ON education.module_prerequisites IS 'Rejects a requirement that would close a cycle.';

\ir ../../roles/education/modules.sql

COMMIT;
