-- Deploy chaindb:blockchain/price_feeds to pg
-- requires: blockchain/schema
-- requires: maint/partitions

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SET LOCAL ROLE chain_owner;

-- The symbols the oracles quote: a small table the latest-price lookups start from, so they
-- never read the price history to find its distinct symbols. Maintained by trigger.
CREATE TABLE blockchain.price_symbols (
    symbol         text PRIMARY KEY CHECK (symbol ~ '^[A-Z0-9]{2,16}$'),
    first_seen_at  timestamptz NOT NULL DEFAULT pg_catalog.now()
);
COMMENT ON TABLE blockchain.price_symbols IS 'Every symbol blockchain.price_feeds has a price for; filled by price_feeds_register_symbol.';
COMMENT ON COLUMN blockchain.price_symbols.symbol IS 'Asset symbol quoted by an oracle.';
COMMENT ON COLUMN blockchain.price_symbols.first_seen_at IS 'When its first price arrived.';

CREATE TABLE blockchain.price_feeds (
    symbol       text NOT NULL CHECK (symbol ~ '^[A-Z0-9]{2,16}$'),
    observed_at  timestamptz NOT NULL,
    source       text NOT NULL CHECK (pg_catalog.length(source) BETWEEN 1 AND 64),
    price        numeric(38, 18) NOT NULL CHECK (price > 0),
    received_at  timestamptz NOT NULL DEFAULT pg_catalog.now(),
    -- also the latest-price index: symbol = $1 ORDER BY observed_at DESC LIMIT 1 scans it backwards,
    -- newest partition first (the partitions are ordered on observed_at)
    CONSTRAINT price_feeds_pkey PRIMARY KEY (symbol, observed_at, source)
) PARTITION BY RANGE (observed_at);
COMMENT ON TABLE blockchain.price_feeds IS 'Oracle prices per asset symbol over time; monthly range partitions on observed_at (maint.ensure_partitions).';
COMMENT ON COLUMN blockchain.price_feeds.symbol IS 'Asset symbol (blockchain.assets.symbol, or any quoted symbol).';
COMMENT ON COLUMN blockchain.price_feeds.observed_at IS 'Time of the price at the oracle; the partition key.';
COMMENT ON COLUMN blockchain.price_feeds.source IS 'Oracle that reported the price (e.g. chainlink).';
COMMENT ON COLUMN blockchain.price_feeds.price IS 'Price in the settlement currency, positive.';
COMMENT ON COLUMN blockchain.price_feeds.received_at IS 'When the row was stored.';
COMMENT ON INDEX blockchain.price_feeds_pkey IS 'One price per symbol, time and source; serves the latest-price lookups backwards.';

\ir ../../functions/blockchain/price_feeds.sql

CREATE TRIGGER price_feeds_register_symbol AFTER INSERT ON blockchain.price_feeds
    FOR EACH ROW EXECUTE FUNCTION blockchain.register_price_symbol();
COMMENT ON TRIGGER price_feeds_register_symbol ON blockchain.price_feeds IS 'Adds a new symbol to blockchain.price_symbols.';

SELECT partition_name FROM maint.ensure_partitions('blockchain.price_feeds');

\ir ../../roles/blockchain/price_feeds.sql

COMMIT;
