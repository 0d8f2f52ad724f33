-- Deploy chaindb:trading/orders to pg
-- requires: trading/schema
-- requires: blockchain/assets
-- requires: core/notify_change
-- requires: audit/capture

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SET LOCAL ROLE chain_owner;

CREATE TYPE trading.order_side AS ENUM ('buy', 'sell');
CREATE TYPE trading.order_type AS ENUM ('limit', 'market');
CREATE TYPE trading.order_status AS ENUM ('open', 'partially_filled', 'filled', 'cancelled', 'expired');
COMMENT ON TYPE trading.order_side IS 'buy (a bid) or sell (an ask).';
COMMENT ON TYPE trading.order_type IS 'limit (at a price or better) or market (at the best available price, no price).';
COMMENT ON TYPE trading.order_status IS 'open → partially_filled → filled; open or partially_filled → cancelled | expired.';

CREATE TABLE trading.orders (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id          bigint NOT NULL REFERENCES core.users (id),
    asset_id         bigint NOT NULL REFERENCES blockchain.assets (id),
    side             trading.order_side NOT NULL,
    order_type       trading.order_type NOT NULL DEFAULT 'limit',
    price            numeric(38, 18),
    quantity         numeric(38, 18) NOT NULL CHECK (quantity > 0),
    filled_quantity  numeric(38, 18) NOT NULL DEFAULT 0,
    avg_fill_price   numeric(38, 18) CHECK (avg_fill_price > 0),
    status           trading.order_status NOT NULL DEFAULT 'open',
    expires_at       timestamptz,
    created_at       timestamptz NOT NULL DEFAULT pg_catalog.now(),
    updated_at       timestamptz NOT NULL DEFAULT pg_catalog.now(),
    CONSTRAINT orders_price_by_type CHECK (
        (order_type = 'limit' AND price IS NOT NULL AND price > 0) OR (order_type = 'market' AND price IS NULL)),
    CONSTRAINT orders_filled_within_quantity CHECK (filled_quantity >= 0 AND filled_quantity <= quantity),
    CONSTRAINT orders_status_matches_fill CHECK (
        CASE status
            WHEN 'open' THEN filled_quantity = 0
            WHEN 'partially_filled' THEN filled_quantity > 0 AND filled_quantity < quantity
            WHEN 'filled' THEN filled_quantity = quantity
            ELSE true
        END),
    CONSTRAINT orders_expiry_after_creation CHECK (expires_at IS NULL OR expires_at > created_at),
    CONSTRAINT orders_market_fill_priced CHECK (order_type = 'limit' OR filled_quantity = 0 OR avg_fill_price IS NOT NULL)
);
CREATE INDEX orders_user_id_created_at_idx ON trading.orders (user_id, created_at DESC);
CREATE INDEX orders_asset_id_idx ON trading.orders (asset_id);
-- resting orders by expiry: the sweep that marks orders expired (and the status column of the RLS policy)
CREATE INDEX orders_status_expires_at_idx ON trading.orders (status, expires_at) WHERE status IN ('open', 'partially_filled');
-- the open book: resting limit orders by asset, side and price (order_book reads it in price order)
CREATE INDEX orders_open_book_idx ON trading.orders (asset_id, side, price) INCLUDE (quantity, filled_quantity, expires_at)
    WHERE status IN ('open', 'partially_filled') AND order_type = 'limit';

CREATE TRIGGER orders_set_updated_at BEFORE UPDATE ON trading.orders
    FOR EACH ROW WHEN (OLD IS DISTINCT FROM NEW) EXECUTE FUNCTION core.set_updated_at();

COMMENT ON TABLE trading.orders IS 'Buy and sell orders for tokenized assets. RLS: a user sees and cancels its own orders.';
COMMENT ON COLUMN trading.orders.id IS 'Identity of the order.';
COMMENT ON COLUMN trading.orders.user_id IS 'The user who placed it (RLS owner).';
COMMENT ON COLUMN trading.orders.asset_id IS 'Asset traded.';
COMMENT ON COLUMN trading.orders.side IS 'buy or sell.';
COMMENT ON COLUMN trading.orders.order_type IS 'limit or market.';
COMMENT ON COLUMN trading.orders.price IS 'Limit price, positive; NULL for a market order.';
COMMENT ON COLUMN trading.orders.quantity IS 'Quantity ordered, positive.';
COMMENT ON COLUMN trading.orders.filled_quantity IS 'Quantity executed so far, 0..quantity.';
COMMENT ON COLUMN trading.orders.avg_fill_price IS 'Volume-weighted price of the fills; NULL before the first fill; required once a market order fills (orders_market_fill_priced).';
COMMENT ON COLUMN trading.orders.status IS 'open, partially_filled, filled, cancelled or expired; consistent with filled_quantity.';
COMMENT ON COLUMN trading.orders.expires_at IS 'When an unfilled order expires; NULL: good till cancelled.';
COMMENT ON COLUMN trading.orders.created_at IS 'When it was placed.';
COMMENT ON COLUMN trading.orders.updated_at IS 'Last change, maintained by orders_set_updated_at.';
COMMENT ON CONSTRAINT orders_price_by_type ON trading.orders IS 'A limit order has a positive price, a market order none.';
COMMENT ON CONSTRAINT orders_filled_within_quantity ON trading.orders IS 'Filled quantity never negative nor above the quantity.';
COMMENT ON CONSTRAINT orders_status_matches_fill ON trading.orders IS 'open: nothing filled; partially_filled: some; filled: all.';
COMMENT ON CONSTRAINT orders_expiry_after_creation ON trading.orders IS 'An expiry lies after the creation time.';
COMMENT ON CONSTRAINT orders_market_fill_priced ON trading.orders IS 'A market order that has filled carries its execution price (avg_fill_price): it has no limit price to fall back on, so its value (core.user_stats trading_volume) is always known.';
COMMENT ON INDEX trading.orders_user_id_created_at_idx IS 'A user''s orders, newest first (RLS, user stats).';
COMMENT ON INDEX trading.orders_asset_id_idx IS 'Orders of one asset; the FK to blockchain.assets.';
COMMENT ON INDEX trading.orders_status_expires_at_idx IS 'Partial: resting orders by status and expiry (expiry sweep; RLS status column).';
COMMENT ON INDEX trading.orders_open_book_idx IS 'Partial: resting limit orders by asset, side, price; serves trading.order_book().';
COMMENT ON TRIGGER orders_set_updated_at ON trading.orders IS 'Keeps updated_at current on real changes.';

\ir ../../roles/trading/orders.sql

-- caches invalidate when orders fill or cancel
SELECT core.enable_notify('trading.orders');
SELECT audit.enable_tracking('trading.orders');

COMMIT;
