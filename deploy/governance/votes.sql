-- Deploy chaindb:governance/votes to pg
-- requires: governance/proposals

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SET LOCAL ROLE chain_owner;

CREATE TYPE governance.vote_choice AS ENUM ('for', 'against', 'abstain');
COMMENT ON TYPE governance.vote_choice IS 'A voter''s choice on a proposal.';

CREATE TABLE governance.votes (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    proposal_id  bigint NOT NULL REFERENCES governance.proposals (id),
    voter_id     bigint NOT NULL REFERENCES core.users (id),
    choice       governance.vote_choice NOT NULL,
    weight       numeric(38, 18) NOT NULL DEFAULT 1 CHECK (weight > 0),
    reason       text CHECK (pg_catalog.length(reason) <= 2000),
    created_at   timestamptz NOT NULL DEFAULT pg_catalog.now(),
    CONSTRAINT votes_proposal_id_voter_id_key UNIQUE (proposal_id, voter_id)
);
CREATE INDEX votes_voter_id_idx ON governance.votes (voter_id);

\ir ../../functions/governance/votes.sql

CREATE TRIGGER votes_cast BEFORE INSERT ON governance.votes
    FOR EACH ROW EXECUTE FUNCTION governance.cast_vote();
CREATE TRIGGER votes_tally AFTER INSERT OR UPDATE OR DELETE ON governance.votes
    FOR EACH ROW EXECUTE FUNCTION governance.tally_vote();

COMMENT ON TABLE governance.votes IS 'Votes on proposals: one per voter and proposal, only while the proposal is active and inside its window; immutable (tallies depend on it). RLS: a user sees its own votes.';
COMMENT ON COLUMN governance.votes.id IS 'Identity of the vote.';
COMMENT ON COLUMN governance.votes.proposal_id IS 'The proposal voted on.';
COMMENT ON COLUMN governance.votes.voter_id IS 'The voter (RLS owner).';
COMMENT ON COLUMN governance.votes.choice IS 'for, against or abstain.';
COMMENT ON COLUMN governance.votes.weight IS 'Voting weight, positive; set by the backend (default 1).';
COMMENT ON COLUMN governance.votes.reason IS 'Optional explanation, up to 2000 characters.';
COMMENT ON COLUMN governance.votes.created_at IS 'When the vote was cast.';
COMMENT ON CONSTRAINT votes_proposal_id_voter_id_key ON governance.votes IS 'One vote per voter per proposal (23505 on a second vote).';
COMMENT ON INDEX governance.votes_voter_id_idx IS 'Votes of a voter (RLS, user stats).';
COMMENT ON TRIGGER votes_cast ON governance.votes IS 'Locks the proposal and rejects a vote outside an active window (55000; one message for a missing or draft proposal).';
COMMENT ON TRIGGER votes_tally ON governance.votes IS 'Moves the tallies only for a vote that really landed (not one skipped by ON CONFLICT DO NOTHING), back for a removed one.';

\ir ../../roles/governance/votes.sql

SELECT audit.enable_tracking('governance.votes');

COMMIT;
