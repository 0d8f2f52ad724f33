-- Verify chaindb:blockchain/price_feeds on pg

SELECT symbol, observed_at, source, price, received_at FROM blockchain.price_feeds WHERE FALSE;
SELECT symbol, first_seen_at FROM blockchain.price_symbols WHERE FALSE;
SELECT 1 / (relkind = 'p')::int FROM pg_catalog.pg_class WHERE oid = 'blockchain.price_feeds'::regclass;
-- the current month has a partition
SELECT 1 / pg_catalog.count(*) FROM pg_catalog.pg_inherits WHERE inhparent = 'blockchain.price_feeds'::regclass;
SELECT 1 / (relrowsecurity AND relforcerowsecurity)::int FROM pg_catalog.pg_class WHERE oid = 'blockchain.price_feeds'::regclass;
