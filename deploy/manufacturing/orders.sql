-- Deploy chaindb:manufacturing/orders to pg
-- requires: manufacturing/schema
-- requires: blockchain/assets

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SET LOCAL ROLE chain_owner;

CREATE TYPE manufacturing.order_status AS ENUM (
    'draft', 'submitted', 'in_production', 'quality_check', 'delivered', 'cancelled');
COMMENT ON TYPE manufacturing.order_status IS
    'draft → submitted → in_production → quality_check → delivered; any but delivered → cancelled.';

CREATE TABLE manufacturing.orders (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id      bigint NOT NULL REFERENCES core.users (id),
    manufacturer_id  bigint REFERENCES core.users (id),
    asset_id         bigint REFERENCES blockchain.assets (id),
    title            text NOT NULL CHECK (pg_catalog.length(title) BETWEEN 1 AND 200),
    specifications   jsonb NOT NULL DEFAULT '{}' CHECK (pg_catalog.jsonb_typeof(specifications) = 'object'),
    quantity         integer NOT NULL CHECK (quantity > 0),
    total_amount     numeric(38, 18) NOT NULL CHECK (total_amount > 0),
    status           manufacturing.order_status NOT NULL DEFAULT 'draft',
    due_date         date,
    created_at       timestamptz NOT NULL DEFAULT pg_catalog.now(),
    updated_at       timestamptz NOT NULL DEFAULT pg_catalog.now(),
    CONSTRAINT orders_manufacturer_not_customer CHECK (manufacturer_id <> customer_id)
);
CREATE INDEX orders_customer_id_idx ON manufacturing.orders (customer_id);
CREATE INDEX orders_manufacturer_id_idx ON manufacturing.orders (manufacturer_id);
CREATE INDEX orders_asset_id_idx ON manufacturing.orders (asset_id);
CREATE INDEX orders_status_idx ON manufacturing.orders (status);

CREATE TRIGGER orders_set_updated_at BEFORE UPDATE ON manufacturing.orders
    FOR EACH ROW WHEN (OLD IS DISTINCT FROM NEW) EXECUTE FUNCTION core.set_updated_at();

COMMENT ON TABLE manufacturing.orders IS 'Manufacturing orders for robotics components with custom specifications. RLS: visible to the customer and the manufacturer.';
COMMENT ON COLUMN manufacturing.orders.id IS 'Identity of the order.';
COMMENT ON COLUMN manufacturing.orders.customer_id IS 'The user who ordered (RLS party).';
COMMENT ON COLUMN manufacturing.orders.manufacturer_id IS 'The user manufacturing it (RLS party); NULL until assigned; never the customer.';
COMMENT ON COLUMN manufacturing.orders.asset_id IS 'The tokenized component being manufactured, if any.';
COMMENT ON COLUMN manufacturing.orders.title IS 'Short description, 1..200 characters.';
COMMENT ON COLUMN manufacturing.orders.specifications IS 'Custom specifications as a JSON object.';
COMMENT ON COLUMN manufacturing.orders.quantity IS 'Units ordered, positive.';
COMMENT ON COLUMN manufacturing.orders.total_amount IS 'Order total, positive; the milestones'' amounts never exceed it.';
COMMENT ON COLUMN manufacturing.orders.status IS 'Workflow state.';
COMMENT ON COLUMN manufacturing.orders.due_date IS 'Promised delivery date.';
COMMENT ON COLUMN manufacturing.orders.created_at IS 'When it was created.';
COMMENT ON COLUMN manufacturing.orders.updated_at IS 'Last change, maintained by orders_set_updated_at.';
COMMENT ON CONSTRAINT orders_manufacturer_not_customer ON manufacturing.orders IS 'A customer does not manufacture its own order.';
COMMENT ON INDEX manufacturing.orders_customer_id_idx IS 'Orders of a customer (RLS).';
COMMENT ON INDEX manufacturing.orders_manufacturer_id_idx IS 'Orders of a manufacturer (RLS).';
COMMENT ON INDEX manufacturing.orders_asset_id_idx IS 'Orders of an asset; the FK to blockchain.assets.';
COMMENT ON INDEX manufacturing.orders_status_idx IS 'Orders by workflow state (manufacturing analytics).';
COMMENT ON TRIGGER orders_set_updated_at ON manufacturing.orders IS 'Keeps updated_at current on real changes.';

\ir ../../functions/manufacturing/party_order_ids.sql

\ir ../../roles/manufacturing/orders.sql

COMMIT;
