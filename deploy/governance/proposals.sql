-- Deploy chaindb:governance/proposals to pg
-- requires: governance/schema
-- requires: core/users
-- requires: audit/capture

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SET LOCAL ROLE chain_owner;

CREATE TYPE governance.proposal_status AS ENUM ('draft', 'active', 'passed', 'rejected', 'executed', 'cancelled');
COMMENT ON TYPE governance.proposal_status IS
    'draft → active (voting) → passed | rejected; passed → executed; draft or active → cancelled. Votes are accepted only while active.';

CREATE TABLE governance.proposals (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    proposer_id       bigint NOT NULL REFERENCES core.users (id),
    title             text NOT NULL CHECK (pg_catalog.length(title) BETWEEN 1 AND 200),
    description       text NOT NULL CHECK (pg_catalog.length(description) BETWEEN 1 AND 20000),
    status            governance.proposal_status NOT NULL DEFAULT 'draft',
    voting_starts_at  timestamptz NOT NULL,
    voting_ends_at    timestamptz NOT NULL,
    quorum            numeric(38, 18) NOT NULL CHECK (quorum > 0),
    votes_for         numeric(38, 18) NOT NULL DEFAULT 0 CHECK (votes_for >= 0),
    votes_against     numeric(38, 18) NOT NULL DEFAULT 0 CHECK (votes_against >= 0),
    votes_abstain     numeric(38, 18) NOT NULL DEFAULT 0 CHECK (votes_abstain >= 0),
    executed_at       timestamptz,
    created_at        timestamptz NOT NULL DEFAULT pg_catalog.now(),
    updated_at        timestamptz NOT NULL DEFAULT pg_catalog.now(),
    CONSTRAINT proposals_voting_window CHECK (voting_ends_at > voting_starts_at),
    CONSTRAINT proposals_executed_has_time CHECK (status <> 'executed' OR executed_at IS NOT NULL)
);
CREATE INDEX proposals_status_voting_ends_at_idx ON governance.proposals (status, voting_ends_at);
CREATE INDEX proposals_proposer_id_idx ON governance.proposals (proposer_id);

CREATE TRIGGER proposals_set_updated_at BEFORE UPDATE ON governance.proposals
    FOR EACH ROW WHEN (OLD IS DISTINCT FROM NEW) EXECUTE FUNCTION core.set_updated_at();

COMMENT ON TABLE governance.proposals IS 'Community governance proposals: a voting window, a quorum and the tallies kept by governance.votes'' votes_tally trigger (owner-only columns). RLS: every non-draft proposal is public.';
COMMENT ON COLUMN governance.proposals.id IS 'Identity of the proposal.';
COMMENT ON COLUMN governance.proposals.proposer_id IS 'The user who proposed it.';
COMMENT ON COLUMN governance.proposals.title IS 'Title, 1..200 characters.';
COMMENT ON COLUMN governance.proposals.description IS 'Full text of the proposal.';
COMMENT ON COLUMN governance.proposals.status IS 'draft, active, passed, rejected, executed or cancelled.';
COMMENT ON COLUMN governance.proposals.voting_starts_at IS 'Voting opens (inclusive).';
COMMENT ON COLUMN governance.proposals.voting_ends_at IS 'Voting closes (exclusive); after voting_starts_at.';
COMMENT ON COLUMN governance.proposals.quorum IS 'Total vote weight needed for the result to count, positive.';
COMMENT ON COLUMN governance.proposals.votes_for IS 'Weight voted for; the sum of the weights of its votes, written only by the owner through governance.votes'' votes_tally trigger.';
COMMENT ON COLUMN governance.proposals.votes_against IS 'Weight voted against; the sum of the weights of its votes, written only by the owner through governance.votes'' votes_tally trigger.';
COMMENT ON COLUMN governance.proposals.votes_abstain IS 'Weight abstaining; the sum of the weights of its votes, written only by the owner through governance.votes'' votes_tally trigger.';
COMMENT ON COLUMN governance.proposals.executed_at IS 'When a passed proposal was executed.';
COMMENT ON COLUMN governance.proposals.created_at IS 'When it was created.';
COMMENT ON COLUMN governance.proposals.updated_at IS 'Last change, maintained by proposals_set_updated_at.';
COMMENT ON CONSTRAINT proposals_voting_window ON governance.proposals IS 'The window ends after it starts.';
COMMENT ON CONSTRAINT proposals_executed_has_time ON governance.proposals IS 'An executed proposal records when.';
COMMENT ON INDEX governance.proposals_status_voting_ends_at_idx IS 'Proposals by state and closing time (active proposals, RLS).';
COMMENT ON INDEX governance.proposals_proposer_id_idx IS 'Proposals of a proposer (RLS).';
COMMENT ON TRIGGER proposals_set_updated_at ON governance.proposals IS 'Keeps updated_at current on real changes.';

\ir ../../roles/governance/proposals.sql

SELECT audit.enable_tracking('governance.proposals');

COMMIT;
