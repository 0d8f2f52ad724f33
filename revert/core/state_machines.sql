-- Revert chaindb:core/state_machines from pg

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SET LOCAL ROLE chain_owner;

DROP TRIGGER orders_state_machine ON trading.orders;
DROP TRIGGER escrows_state_machine ON trading.escrows;
DROP TRIGGER grids_state_machine ON trading.grids;
DROP TRIGGER orders_state_machine ON manufacturing.orders;
DROP TRIGGER milestones_state_machine ON manufacturing.milestones;
DROP TRIGGER proposals_state_machine ON governance.proposals;
DROP TRIGGER progress_state_machine ON education.progress;

COMMENT ON TYPE trading.order_status IS 'open → partially_filled → filled; open or partially_filled → cancelled | expired.';
COMMENT ON TYPE trading.escrow_status IS
    'Escrow state machine (enforced by trading.escrow_transition()): a new escrow is funded; '
    'funded → released | refunded | disputed; disputed → resolved_released | resolved_refunded. '
    'released, refunded, resolved_released and resolved_refunded are final.';
COMMENT ON TYPE trading.grid_status IS 'Lifecycle of a grid bot: pending (tx not confirmed), active, paused, completed, cancelled, failed.';
COMMENT ON TYPE manufacturing.order_status IS
    'draft → submitted → in_production → quality_check → delivered; any but delivered → cancelled.';
COMMENT ON TYPE manufacturing.milestone_status IS 'pending → in_progress → completed → paid (the payment is released).';
COMMENT ON TYPE governance.proposal_status IS
    'draft → active (voting) → passed | rejected; passed → executed; draft or active → cancelled. Votes are accepted only while active.';
COMMENT ON TYPE education.progress_status IS 'Where a user stands on a module: locked (prerequisites unmet), available, in_progress, completed (quiz passed).';

DROP FUNCTION core.enable_state_machine(regclass, name);
DROP FUNCTION core.enforce_transition();
DROP TABLE core.state_transitions;
DROP FUNCTION core.is_enum_label(regtype, text);

COMMIT;
