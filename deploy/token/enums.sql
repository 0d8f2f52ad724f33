-- Deploy chaindb:token/enums to pg
-- requires: token/schema

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SET LOCAL ROLE chain_owner;

-- D-T2: a new type, not blockchain.transaction_status (which lacks cancelled; ALTER TYPE ... ADD
-- VALUE cannot be reverted)
CREATE TYPE token.transaction_status AS ENUM ('pending', 'confirmed', 'failed', 'cancelled');
CREATE TYPE token.transaction_type AS ENUM ('mint', 'burn', 'transfer', 'stake', 'reward');
CREATE TYPE token.pool_type AS ENUM ('product', 'compliance', 'governance');
COMMENT ON TYPE token.transaction_status IS 'Seed transaction_status (D-T2): pending → confirmed | failed | cancelled; also the status of payment contracts and escrow transactions (D-T7).';
COMMENT ON TYPE token.transaction_type IS 'Kind of a TRACE token transaction (closed set listed by the upstream schema).';
COMMENT ON TYPE token.pool_type IS 'What a staking pool backs (closed set listed by the upstream schema).';

COMMIT;
