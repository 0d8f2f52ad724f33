-- governance.cast_vote() → trigger (BEFORE INSERT ON governance.votes, row)
--   Locks the proposal row (FOR UPDATE: concurrent votes on one proposal queue here, so the
--   tallies are read and written by one vote at a time), rejects the vote with SQLSTATE 55000
--   (object_not_in_prerequisite_state) unless the proposal is active and now() lies in
--   [voting_starts_at, voting_ends_at), then adds NEW.weight to votes_for, votes_against or
--   votes_abstain. A second vote by the same voter fails afterwards on
--   votes_proposal_id_voter_id_key (23505) and the statement, tally included, is undone.
--   SECURITY DEFINER (owner chain_owner, which has SELECT/UPDATE policies on proposals): voters
--   cannot update proposals themselves. search_path pinned.
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
    IF NOT FOUND THEN
        RETURN NEW;  -- the foreign key reports the missing proposal
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
    UPDATE governance.proposals AS p
       SET votes_for = p.votes_for + CASE WHEN NEW.choice = 'for' THEN NEW.weight ELSE 0 END,
           votes_against = p.votes_against + CASE WHEN NEW.choice = 'against' THEN NEW.weight ELSE 0 END,
           votes_abstain = p.votes_abstain + CASE WHEN NEW.choice = 'abstain' THEN NEW.weight ELSE 0 END
     WHERE p.id = NEW.proposal_id;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION governance.cast_vote() IS
    'Trigger: locks the proposal, rejects (55000) a vote unless it is active and inside its window, adds the vote''s weight to the tally.';
REVOKE ALL ON FUNCTION governance.cast_vote() FROM PUBLIC;
