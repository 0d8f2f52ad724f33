-- governance.cast_vote() → trigger (BEFORE INSERT ON governance.votes, row): the vote's admission.
--   Locks the proposal row (FOR UPDATE: concurrent votes on one proposal queue here) and rejects
--   the vote with SQLSTATE 55000 (object_not_in_prerequisite_state) unless the proposal is active
--   and now() lies in [voting_starts_at, voting_ends_at). A proposal that does not exist and a
--   draft (hidden from everyone but its proposer) get the same message, "proposal N is not open
--   for voting", so the error never tells a voter that a hidden draft exists.
--   It does not touch the tallies: a BEFORE INSERT trigger also runs for a row that ON CONFLICT
--   DO NOTHING then discards, or that a later constraint rejects.
-- governance.tally_vote() → trigger (AFTER INSERT OR UPDATE OR DELETE ON governance.votes, row):
--   the tallies. Only a vote that really landed (AFTER INSERT fires for inserted rows only, never
--   for a conflict skipped by ON CONFLICT DO NOTHING) adds its weight to votes_for,
--   votes_against or votes_abstain; a removed vote (only the owner may delete one) takes it
--   back; an update (owner only) moves it. So each tally equals the sum of the weights of its
--   votes. Concurrent votes: the UPDATE of the proposal row serialises them (READ COMMITTED
--   re-reads the latest tally), and cast_vote already holds the row lock.
-- Both SECURITY DEFINER (owner chain_owner, which has SELECT/UPDATE policies on proposals):
-- voters and the backend cannot write the tallies themselves. search_path pinned.
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

CREATE FUNCTION governance.cast_vote()
RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_proposal governance.proposals%ROWTYPE;
BEGIN
    SELECT p.* INTO v_proposal FROM governance.proposals AS p WHERE p.id = NEW.proposal_id FOR UPDATE;
    IF NOT FOUND OR v_proposal.status = 'draft' THEN
        -- one message for a missing proposal and a hidden draft
        RAISE EXCEPTION 'governance.votes: proposal % is not open for voting', NEW.proposal_id
            USING ERRCODE = 'object_not_in_prerequisite_state';
    END IF;
    IF v_proposal.status <> 'active' THEN
        RAISE EXCEPTION 'governance.votes: proposal % is %, not active', NEW.proposal_id, v_proposal.status
            USING ERRCODE = 'object_not_in_prerequisite_state';
    END IF;
    IF pg_catalog.now() < v_proposal.voting_starts_at OR pg_catalog.now() >= v_proposal.voting_ends_at THEN
        RAISE EXCEPTION 'governance.votes: proposal % is outside its voting window [%, %)',
                        NEW.proposal_id, v_proposal.voting_starts_at, v_proposal.voting_ends_at
            USING ERRCODE = 'object_not_in_prerequisite_state';
    END IF;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION governance.cast_vote() IS
    'Trigger (BEFORE INSERT): locks the proposal, rejects (55000) a vote unless it is active and inside its window; a missing proposal and a draft get the same message. Does not touch the tallies (governance.tally_vote() does, after the row lands).';
REVOKE ALL ON FUNCTION governance.cast_vote() FROM PUBLIC;

CREATE FUNCTION governance.tally_vote()
RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE governance.proposals AS p
           SET votes_for = p.votes_for - CASE WHEN OLD.choice = 'for' THEN OLD.weight ELSE 0 END,
               votes_against = p.votes_against - CASE WHEN OLD.choice = 'against' THEN OLD.weight ELSE 0 END,
               votes_abstain = p.votes_abstain - CASE WHEN OLD.choice = 'abstain' THEN OLD.weight ELSE 0 END
         WHERE p.id = OLD.proposal_id;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        UPDATE governance.proposals AS p
           SET votes_for = p.votes_for + CASE WHEN NEW.choice = 'for' THEN NEW.weight ELSE 0 END,
               votes_against = p.votes_against + CASE WHEN NEW.choice = 'against' THEN NEW.weight ELSE 0 END,
               votes_abstain = p.votes_abstain + CASE WHEN NEW.choice = 'abstain' THEN NEW.weight ELSE 0 END
         WHERE p.id = NEW.proposal_id;
    END IF;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION governance.tally_vote() IS
    'Trigger (AFTER INSERT OR UPDATE OR DELETE): moves the proposal''s tallies by the weight of a vote that really landed, was removed or changed; each tally = the sum of its votes'' weights.';
REVOKE ALL ON FUNCTION governance.tally_vote() FROM PUBLIC;
