-- Deploy chaindb:memory/cost_tracking to pg
-- requires: core/backend_access
-- requires: memory/schema
-- requires: core/wallet_address
-- requires: core/current_user

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SET LOCAL ROLE chain_owner;

CREATE TABLE memory.cost_tracking (
    id                    bigint GENERATED ALWAYS AS IDENTITY,
    operation_type        text NOT NULL,
    operation_id          text NOT NULL,
    wallet_address        core.wallet_address NOT NULL,
    solana_cost_lamports  bigint NOT NULL DEFAULT 0,
    arweave_cost_winston  bigint NOT NULL DEFAULT 0,
    priority_fee_lamports bigint NOT NULL DEFAULT 0,
    total_cost_lamports   bigint NOT NULL,
    total_cost_usd        numeric(12, 4),
    sol_price_usd         numeric(12, 4),
    ar_price_usd          numeric(12, 4),
    "timestamp"           timestamptz NOT NULL DEFAULT pg_catalog.now(),
    CONSTRAINT cost_tracking_pkey PRIMARY KEY (id),
    CONSTRAINT cost_tracking_operation_type_format CHECK (operation_type ~ '^[a-z_]{1,50}$'),
    CONSTRAINT cost_tracking_operation_id_length CHECK (pg_catalog.length(operation_id) BETWEEN 1 AND 128),
    CONSTRAINT cost_tracking_costs_nonnegative CHECK (solana_cost_lamports >= 0 AND arweave_cost_winston >= 0
                                                      AND priority_fee_lamports >= 0 AND total_cost_lamports >= 0),
    CONSTRAINT cost_tracking_breakdown_within_total CHECK (solana_cost_lamports + priority_fee_lamports <= total_cost_lamports),
    CONSTRAINT cost_tracking_total_cost_usd_nonnegative CHECK (total_cost_usd >= 0),
    CONSTRAINT cost_tracking_prices_positive CHECK (sol_price_usd > 0 AND ar_price_usd > 0)
);
-- seed usage query 4: one wallet's costs per day; INCLUDE makes it index-only
CREATE INDEX cost_tracking_wallet_address_timestamp_idx ON memory.cost_tracking (wallet_address, "timestamp" DESC)
    INCLUDE (total_cost_lamports);
CREATE INDEX cost_tracking_operation_type_timestamp_idx ON memory.cost_tracking (operation_type, "timestamp" DESC);
CREATE INDEX cost_tracking_timestamp_idx ON memory.cost_tracking ("timestamp");

COMMENT ON TABLE memory.cost_tracking IS 'Cost of each blockchain operation [seed: cost_tracking], for analytics. total_cost_lamports is the Solana cost in lamports (network fees, rent, priority fee); Arweave storage is separate in winston; USD figures are conversions at the recorded prices (decision D-M9). RLS: a wallet reads its own costs.';
COMMENT ON COLUMN memory.cost_tracking.id IS 'Identity of the cost record.';
COMMENT ON COLUMN memory.cost_tracking.operation_type IS 'Operation kind, e.g. mint, batch_mint, transfer, version (lower-case letters and _, 1-50).';
COMMENT ON COLUMN memory.cost_tracking.operation_id IS 'Id of the operation (batch, asset or request id): a soft reference, 1-128 characters.';
COMMENT ON COLUMN memory.cost_tracking.wallet_address IS 'Wallet that paid (RLS owner).';
COMMENT ON COLUMN memory.cost_tracking.solana_cost_lamports IS 'Solana network fees and rent in lamports (part of total_cost_lamports; 0 when not broken down).';
COMMENT ON COLUMN memory.cost_tracking.arweave_cost_winston IS 'Arweave storage cost in winston (another currency: not in total_cost_lamports).';
COMMENT ON COLUMN memory.cost_tracking.priority_fee_lamports IS 'Priority fee in lamports (part of total_cost_lamports; 0 when not broken down).';
COMMENT ON COLUMN memory.cost_tracking.total_cost_lamports IS 'Total Solana cost in lamports (the seed''s column; Arweave excluded: decision D-M9).';
COMMENT ON COLUMN memory.cost_tracking.total_cost_usd IS 'Total cost (Solana and Arweave) converted to USD at the recorded prices, if known.';
COMMENT ON COLUMN memory.cost_tracking.sol_price_usd IS 'SOL price in USD used for the conversion.';
COMMENT ON COLUMN memory.cost_tracking.ar_price_usd IS 'AR price in USD used for the conversion.';
COMMENT ON COLUMN memory.cost_tracking."timestamp" IS 'When the cost was incurred (the seed''s column name).';
COMMENT ON CONSTRAINT cost_tracking_pkey ON memory.cost_tracking IS 'Cost record identity.';
COMMENT ON CONSTRAINT cost_tracking_operation_type_format ON memory.cost_tracking IS 'Operation kinds are lower-case letters and _, 1-50.';
COMMENT ON CONSTRAINT cost_tracking_operation_id_length ON memory.cost_tracking IS 'Operation ids are 1-128 characters.';
COMMENT ON CONSTRAINT cost_tracking_costs_nonnegative ON memory.cost_tracking IS 'No cost is negative.';
COMMENT ON CONSTRAINT cost_tracking_breakdown_within_total ON memory.cost_tracking IS 'Network fees plus priority fee never exceed the lamport total.';
COMMENT ON CONSTRAINT cost_tracking_total_cost_usd_nonnegative ON memory.cost_tracking IS 'The USD total is not negative.';
COMMENT ON CONSTRAINT cost_tracking_prices_positive ON memory.cost_tracking IS 'Recorded prices are positive.';
COMMENT ON INDEX memory.cost_tracking_wallet_address_timestamp_idx IS 'A wallet''s costs, newest first, with the total included (seed usage query 4 index-only; RLS owner).';
COMMENT ON INDEX memory.cost_tracking_operation_type_timestamp_idx IS 'Costs of one operation kind, newest first.';
COMMENT ON INDEX memory.cost_tracking_timestamp_idx IS 'Costs by date.';

\ir ../../roles/memory/cost_tracking.sql

COMMIT;
