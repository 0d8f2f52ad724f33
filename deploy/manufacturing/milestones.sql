-- Deploy chaindb:manufacturing/milestones to pg
-- requires: manufacturing/orders

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SET LOCAL ROLE chain_owner;

CREATE TYPE manufacturing.milestone_status AS ENUM ('pending', 'in_progress', 'completed', 'paid');
COMMENT ON TYPE manufacturing.milestone_status IS 'pending → in_progress → completed → paid (the payment is released).';

CREATE TABLE manufacturing.milestones (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_id      bigint NOT NULL REFERENCES manufacturing.orders (id) ON DELETE CASCADE,
    sequence_no   integer NOT NULL CHECK (sequence_no > 0),
    title         text NOT NULL CHECK (pg_catalog.length(title) BETWEEN 1 AND 200),
    amount        numeric(38, 18) NOT NULL CHECK (amount > 0),
    status        manufacturing.milestone_status NOT NULL DEFAULT 'pending',
    due_date      date,
    completed_at  timestamptz,
    paid_at       timestamptz,
    created_at    timestamptz NOT NULL DEFAULT pg_catalog.now(),
    updated_at    timestamptz NOT NULL DEFAULT pg_catalog.now(),
    CONSTRAINT milestones_order_id_sequence_no_key UNIQUE (order_id, sequence_no),
    CONSTRAINT milestones_paid_has_time CHECK (status <> 'paid' OR paid_at IS NOT NULL)
);

\ir ../../functions/manufacturing/milestones.sql

CREATE TRIGGER milestones_within_total BEFORE INSERT OR UPDATE OF amount, order_id ON manufacturing.milestones
    FOR EACH ROW EXECUTE FUNCTION manufacturing.check_milestone_total();
CREATE TRIGGER milestones_set_updated_at BEFORE UPDATE ON manufacturing.milestones
    FOR EACH ROW WHEN (OLD IS DISTINCT FROM NEW) EXECUTE FUNCTION core.set_updated_at();
CREATE TRIGGER orders_total_covers_milestones BEFORE UPDATE OF total_amount ON manufacturing.orders
    FOR EACH ROW WHEN (NEW.total_amount < OLD.total_amount) EXECUTE FUNCTION manufacturing.check_order_total();

COMMENT ON TABLE manufacturing.milestones IS 'Payment milestones of a manufacturing order; their amounts never exceed the order total (milestones_within_total). RLS: visible to the order''s parties.';
COMMENT ON COLUMN manufacturing.milestones.id IS 'Identity of the milestone.';
COMMENT ON COLUMN manufacturing.milestones.order_id IS 'The manufacturing order; deleting it deletes its milestones.';
COMMENT ON COLUMN manufacturing.milestones.sequence_no IS 'Position in the order''s schedule, unique per order.';
COMMENT ON COLUMN manufacturing.milestones.title IS 'What is delivered at this milestone.';
COMMENT ON COLUMN manufacturing.milestones.amount IS 'Payment released at this milestone, positive.';
COMMENT ON COLUMN manufacturing.milestones.status IS 'pending, in_progress, completed or paid.';
COMMENT ON COLUMN manufacturing.milestones.due_date IS 'Planned date.';
COMMENT ON COLUMN manufacturing.milestones.completed_at IS 'When the work was completed.';
COMMENT ON COLUMN manufacturing.milestones.paid_at IS 'When the payment was released; required once paid.';
COMMENT ON COLUMN manufacturing.milestones.created_at IS 'When it was planned.';
COMMENT ON COLUMN manufacturing.milestones.updated_at IS 'Last change, maintained by milestones_set_updated_at.';
COMMENT ON CONSTRAINT milestones_order_id_sequence_no_key ON manufacturing.milestones IS 'One milestone per position of an order; also the order_id index.';
COMMENT ON CONSTRAINT milestones_paid_has_time ON manufacturing.milestones IS 'A paid milestone records when.';
COMMENT ON TRIGGER milestones_within_total ON manufacturing.milestones IS 'Locks the order row and rejects (23514) a milestone sum above the order total.';
COMMENT ON TRIGGER milestones_set_updated_at ON manufacturing.milestones IS 'Keeps updated_at current on real changes.';
COMMENT ON TRIGGER orders_total_covers_milestones ON manufacturing.orders IS 'Rejects (23514) lowering the order total under the sum of its milestones (the invariant of milestones_within_total, from the order''s side).';

\ir ../../roles/manufacturing/milestones.sql

COMMIT;
