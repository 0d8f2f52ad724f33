-- Deploy chaindb:trading/escrows to pg
-- requires: trading/orders
-- requires: audit/capture

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SET LOCAL ROLE chain_owner;

CREATE TYPE trading.escrow_status AS ENUM (
    'funded', 'released', 'refunded', 'disputed', 'resolved_released', 'resolved_refunded');
COMMENT ON TYPE trading.escrow_status IS
    'Escrow state machine (enforced by trading.escrow_transition()): a new escrow is funded; '
    'funded → released | refunded | disputed; disputed → resolved_released | resolved_refunded. '
    'released, refunded, resolved_released and resolved_refunded are final.';

CREATE TABLE trading.escrows (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_id        bigint NOT NULL REFERENCES trading.orders (id),
    buyer_id        bigint NOT NULL REFERENCES core.users (id),
    seller_id       bigint NOT NULL REFERENCES core.users (id),
    amount          numeric(38, 18) NOT NULL CHECK (amount > 0),
    status          trading.escrow_status NOT NULL DEFAULT 'funded',
    dispute_reason  text CHECK (pg_catalog.length(dispute_reason) <= 2000),
    created_at      timestamptz NOT NULL DEFAULT pg_catalog.now(),
    updated_at      timestamptz NOT NULL DEFAULT pg_catalog.now(),
    settled_at      timestamptz,
    CONSTRAINT escrows_distinct_parties CHECK (buyer_id <> seller_id)
);
CREATE INDEX escrows_buyer_id_idx ON trading.escrows (buyer_id);
CREATE INDEX escrows_seller_id_idx ON trading.escrows (seller_id);
CREATE INDEX escrows_order_id_idx ON trading.escrows (order_id);
CREATE INDEX escrows_status_created_at_idx ON trading.escrows (status, created_at);

\ir ../../functions/trading/escrows.sql

CREATE TRIGGER escrows_transition BEFORE INSERT OR UPDATE ON trading.escrows
    FOR EACH ROW EXECUTE FUNCTION trading.escrow_transition();
CREATE TRIGGER escrows_set_updated_at BEFORE UPDATE ON trading.escrows
    FOR EACH ROW WHEN (OLD IS DISTINCT FROM NEW) EXECUTE FUNCTION core.set_updated_at();

COMMENT ON TABLE trading.escrows IS 'Escrow contracts securing a trade between a buyer and a seller; status follows trading.escrow_status''s state machine. RLS: visible to its two parties.';
COMMENT ON COLUMN trading.escrows.id IS 'Identity of the escrow.';
COMMENT ON COLUMN trading.escrows.order_id IS 'The order the escrow secures.';
COMMENT ON COLUMN trading.escrows.buyer_id IS 'Party paying into escrow (RLS party).';
COMMENT ON COLUMN trading.escrows.seller_id IS 'Party paid on release (RLS party); never the buyer.';
COMMENT ON COLUMN trading.escrows.amount IS 'Amount held, positive; fixed once funded.';
COMMENT ON COLUMN trading.escrows.status IS 'State; transitions: core.state_transitions (trigger escrows_state_machine, from core/state_machines).';
COMMENT ON COLUMN trading.escrows.dispute_reason IS 'Why a party disputed, up to 2000 characters.';
COMMENT ON COLUMN trading.escrows.created_at IS 'When it was funded.';
COMMENT ON COLUMN trading.escrows.updated_at IS 'Last change, maintained by escrows_set_updated_at.';
COMMENT ON COLUMN trading.escrows.settled_at IS 'When it reached a final state; set by escrows_transition.';
COMMENT ON CONSTRAINT escrows_distinct_parties ON trading.escrows IS 'Buyer and seller differ.';
COMMENT ON INDEX trading.escrows_buyer_id_idx IS 'Escrows of a buyer (RLS).';
COMMENT ON INDEX trading.escrows_seller_id_idx IS 'Escrows of a seller (RLS).';
COMMENT ON INDEX trading.escrows_order_id_idx IS 'Escrows of an order; the FK to trading.orders.';
COMMENT ON INDEX trading.escrows_status_created_at_idx IS 'Escrows by state, oldest first (the dispute queue; RLS status column).';
COMMENT ON TRIGGER escrows_transition ON trading.escrows IS 'Order, parties and amount never change; a settled escrow never changes (55000); stamps settled_at.';
COMMENT ON TRIGGER escrows_set_updated_at ON trading.escrows IS 'Keeps updated_at current on real changes.';

\ir ../../roles/trading/escrows.sql

SELECT audit.enable_tracking('trading.escrows');

COMMIT;
