-- Deploy chaindb:core/state_machines to pg
-- requires: core/schema
-- requires: trading/orders
-- requires: trading/escrows
-- requires: trading/grids
-- requires: manufacturing/milestones
-- requires: governance/proposals
-- requires: education/progress

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SET LOCAL ROLE chain_owner;

\ir ../../functions/core/state_machines.sql

-- The transition tables (from NULL: a new row). chain_owner may create a row in any state (data
-- loads); chain_user's transitions are further limited by the table's RLS policies and column
-- privileges; chain_app is the backend.
INSERT INTO core.state_transitions (machine, from_state, to_state, who)
SELECT v.machine::regtype, v.from_state, v.to_state, w.who
  FROM (VALUES
    -- trading.order_status
    ('trading.order_status', NULL, 'open', 'user,app'),
    ('trading.order_status', 'open', 'partially_filled', 'app'),
    ('trading.order_status', 'open', 'filled', 'app'),
    ('trading.order_status', 'partially_filled', 'partially_filled', 'app'),   -- a further partial fill
    ('trading.order_status', 'partially_filled', 'filled', 'app'),
    ('trading.order_status', 'open', 'cancelled', 'user,app'),
    ('trading.order_status', 'partially_filled', 'cancelled', 'user,app'),
    ('trading.order_status', 'open', 'expired', 'app'),
    ('trading.order_status', 'partially_filled', 'expired', 'app'),
    -- trading.escrow_status (which party: escrows_update_party)
    ('trading.escrow_status', NULL, 'funded', 'app'),
    ('trading.escrow_status', 'funded', 'released', 'user,app'),
    ('trading.escrow_status', 'funded', 'refunded', 'user,app'),
    ('trading.escrow_status', 'funded', 'disputed', 'user,app'),
    ('trading.escrow_status', 'disputed', 'resolved_released', 'app'),
    ('trading.escrow_status', 'disputed', 'resolved_refunded', 'app'),
    -- trading.grid_status
    ('trading.grid_status', NULL, 'pending', 'user,app'),
    ('trading.grid_status', 'pending', 'active', 'app'),
    ('trading.grid_status', 'pending', 'failed', 'app'),
    ('trading.grid_status', 'pending', 'cancelled', 'user,app'),
    ('trading.grid_status', 'active', 'paused', 'user,app'),
    ('trading.grid_status', 'paused', 'active', 'user,app'),
    ('trading.grid_status', 'active', 'completed', 'app'),
    ('trading.grid_status', 'paused', 'completed', 'app'),
    ('trading.grid_status', 'active', 'cancelled', 'user,app'),
    ('trading.grid_status', 'paused', 'cancelled', 'user,app'),
    ('trading.grid_status', 'active', 'failed', 'app'),
    ('trading.grid_status', 'paused', 'failed', 'app'),
    -- manufacturing.order_status
    ('manufacturing.order_status', NULL, 'draft', 'app'),
    ('manufacturing.order_status', 'draft', 'submitted', 'app'),
    ('manufacturing.order_status', 'submitted', 'in_production', 'app'),
    ('manufacturing.order_status', 'in_production', 'quality_check', 'app'),
    ('manufacturing.order_status', 'quality_check', 'delivered', 'app'),
    ('manufacturing.order_status', 'draft', 'cancelled', 'app'),
    ('manufacturing.order_status', 'submitted', 'cancelled', 'app'),
    ('manufacturing.order_status', 'in_production', 'cancelled', 'app'),
    ('manufacturing.order_status', 'quality_check', 'cancelled', 'app'),
    -- manufacturing.milestone_status (completed is the approval; only then paid)
    ('manufacturing.milestone_status', NULL, 'pending', 'app'),
    ('manufacturing.milestone_status', 'pending', 'in_progress', 'app'),
    ('manufacturing.milestone_status', 'in_progress', 'completed', 'app'),
    ('manufacturing.milestone_status', 'completed', 'paid', 'app'),
    -- governance.proposal_status
    ('governance.proposal_status', NULL, 'draft', 'user,app'),
    ('governance.proposal_status', 'draft', 'active', 'app'),
    ('governance.proposal_status', 'active', 'passed', 'app'),
    ('governance.proposal_status', 'active', 'rejected', 'app'),
    ('governance.proposal_status', 'passed', 'executed', 'app'),
    ('governance.proposal_status', 'draft', 'cancelled', 'app'),
    ('governance.proposal_status', 'active', 'cancelled', 'app'),
    -- education.progress_status (prerequisites: education.check_module_unlock())
    ('education.progress_status', NULL, 'locked', 'user,app'),
    ('education.progress_status', NULL, 'available', 'user,app'),
    ('education.progress_status', NULL, 'in_progress', 'user,app'),
    ('education.progress_status', 'locked', 'available', 'user,app'),
    ('education.progress_status', 'available', 'in_progress', 'user,app'),
    ('education.progress_status', 'available', 'locked', 'app'),
    ('education.progress_status', 'in_progress', 'in_progress', 'app'),           -- a quiz attempt below the pass mark
    ('education.progress_status', 'in_progress', 'completed', 'app')
  ) AS v (machine, from_state, to_state, whos)
 CROSS JOIN LATERAL (SELECT 'chain_' || w AS who FROM pg_catalog.unnest(pg_catalog.string_to_array(v.whos, ',')) AS w) AS w
UNION ALL
-- chain_owner: a new row in any state (data loads, fixtures)
SELECT e.enumtypid::regtype, NULL, e.enumlabel::text, 'chain_owner'
  FROM pg_catalog.pg_enum AS e
 WHERE e.enumtypid IN ('trading.order_status'::regtype, 'trading.escrow_status'::regtype, 'trading.grid_status'::regtype,
                       'manufacturing.order_status'::regtype, 'manufacturing.milestone_status'::regtype,
                       'governance.proposal_status'::regtype, 'education.progress_status'::regtype);

SELECT core.enable_state_machine(t)
  FROM pg_catalog.unnest(ARRAY['trading.orders', 'trading.escrows', 'trading.grids', 'manufacturing.orders',
                               'manufacturing.milestones', 'governance.proposals', 'education.progress']::pg_catalog.regclass[]) AS t;

COMMENT ON TYPE trading.order_status IS
    'State machine (transition table: core.state_transitions, machine trading.order_status; enforced by core.enforce_transition(), trigger orders_state_machine): (new) → open; open → partially_filled | filled | cancelled | expired; partially_filled → partially_filled | filled | cancelled | expired. filled, cancelled, expired are final. Fills and expiry: chain_app; cancel: the owner of the order or chain_app.';
COMMENT ON TYPE trading.escrow_status IS
    'State machine (transition table: core.state_transitions, machine trading.escrow_status; enforced by core.enforce_transition(), trigger escrows_state_machine): (new) → funded; funded → released | refunded | disputed; disputed → resolved_released | resolved_refunded. released, refunded, resolved_released and resolved_refunded are final; a no-op (e.g. released → released) is refused. Buyer: release or dispute, seller: refund or dispute (escrows_update_party); resolutions: chain_app.';
COMMENT ON TYPE trading.grid_status IS
    'Lifecycle of a grid bot (transition table: core.state_transitions, machine trading.grid_status; enforced by core.enforce_transition(), trigger grids_state_machine): (new) → pending (tx not confirmed); pending → active | failed | cancelled; active ↔ paused; active or paused → completed | cancelled | failed. completed, cancelled, failed are final. A trader may create (pending), pause, resume and cancel; activation, completion and failure come from chain data (chain_app).';
COMMENT ON TYPE manufacturing.order_status IS
    'State machine (transition table: core.state_transitions, machine manufacturing.order_status; enforced by core.enforce_transition(), trigger orders_state_machine): (new) → draft → submitted → in_production → quality_check → delivered; any but delivered (and cancelled) → cancelled. delivered and cancelled are final. chain_app only.';
COMMENT ON TYPE manufacturing.milestone_status IS
    'State machine (transition table: core.state_transitions, machine manufacturing.milestone_status; enforced by core.enforce_transition(), trigger milestones_state_machine): (new) → pending → in_progress → completed (approved) → paid (the payment is released); never paid without completed. chain_app only.';
COMMENT ON TYPE governance.proposal_status IS
    'State machine (transition table: core.state_transitions, machine governance.proposal_status; enforced by core.enforce_transition(), trigger proposals_state_machine): (new) → draft → active (voting) → passed | rejected; passed → executed; draft or active → cancelled. rejected, executed and cancelled are final. Votes are accepted only while active. End users create drafts; every transition: chain_app.';
COMMENT ON TYPE education.progress_status IS
    'State machine (transition table: core.state_transitions, machine education.progress_status; enforced by core.enforce_transition(), trigger progress_state_machine): (new) → locked | available | in_progress; locked → available; available → in_progress (or back to locked, chain_app); in_progress → in_progress (an attempt below the pass mark) | completed (quiz passed, chain_app only). completed is final. available, in_progress and completed need every prerequisite completed with its pass mark (education.check_module_unlock()).';

COMMIT;
