-- Deploy chaindb:payment/contracts to pg
-- requires: payment/schema
-- requires: token/enums
-- requires: trace/products
-- requires: audit/capture

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SET LOCAL ROLE chain_owner;

CREATE TABLE payment.contracts (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    contract_address  text NOT NULL UNIQUE CHECK (contract_address ~ '^0x[0-9a-f]{40}$'),
    product_id        bigint NOT NULL REFERENCES trace.products (product_id),
    buyer_id          bigint NOT NULL REFERENCES core.users (id),
    seller_id         bigint NOT NULL REFERENCES core.users (id),
    amount            numeric(36, 18) NOT NULL CHECK (amount > 0),
    currency          text NOT NULL DEFAULT 'TRACE' CHECK (currency ~ '^[A-Z0-9]{2,10}$'),
    status            token.transaction_status NOT NULL DEFAULT 'pending',
    expires_at        timestamptz,
    tx_hash           text UNIQUE CHECK (tx_hash ~ '^0x[0-9a-f]{64}$'),
    block_number      bigint CHECK (block_number >= 0),
    created_at        timestamptz NOT NULL DEFAULT pg_catalog.now(),
    updated_at        timestamptz NOT NULL DEFAULT pg_catalog.now(),
    CONSTRAINT contracts_distinct_parties CHECK (buyer_id <> seller_id),
    CONSTRAINT contracts_expiry_after_creation CHECK (expires_at > created_at)
);
CREATE INDEX contracts_product_id_idx ON payment.contracts (product_id);
CREATE INDEX contracts_buyer_id_idx ON payment.contracts (buyer_id);
CREATE INDEX contracts_seller_id_idx ON payment.contracts (seller_id);
CREATE INDEX contracts_status_idx ON payment.contracts (status);

CREATE TRIGGER contracts_set_updated_at BEFORE UPDATE ON payment.contracts
    FOR EACH ROW WHEN (OLD IS DISTINCT FROM NEW) EXECUTE FUNCTION core.set_updated_at();

COMMENT ON TABLE payment.contracts IS 'Seed payment_contracts: an escrow payment contract for a product between a buyer and a seller (independent of trading.escrows). Status reuses token.transaction_status (D-T7). Audited. RLS: the two parties read it; the backend writes.';
COMMENT ON COLUMN payment.contracts.id IS 'Identity.';
COMMENT ON COLUMN payment.contracts.contract_address IS 'The escrow contract, 0x + 40 lower-case hex; unique (T-L12).';
COMMENT ON COLUMN payment.contracts.product_id IS 'The product paid for (RESTRICT).';
COMMENT ON COLUMN payment.contracts.buyer_id IS 'The paying party (RLS).';
COMMENT ON COLUMN payment.contracts.seller_id IS 'The paid party (RLS); never the buyer.';
COMMENT ON COLUMN payment.contracts.amount IS 'Contract total, > 0; escrow transactions never sum above it.';
COMMENT ON COLUMN payment.contracts.currency IS 'Currency code, ^[A-Z0-9]{2,10}$, default TRACE.';
COMMENT ON COLUMN payment.contracts.status IS 'pending, confirmed, failed or cancelled (D-T7; a payment state machine is a later issue).';
COMMENT ON COLUMN payment.contracts.expires_at IS 'When an unfunded contract lapses; after created_at.';
COMMENT ON COLUMN payment.contracts.tx_hash IS 'Deployment transaction, 0x + 64 lower-case hex; unique.';
COMMENT ON COLUMN payment.contracts.block_number IS 'Block, >= 0.';
COMMENT ON COLUMN payment.contracts.created_at IS 'When it was created.';
COMMENT ON COLUMN payment.contracts.updated_at IS 'Last change, maintained by contracts_set_updated_at.';
COMMENT ON CONSTRAINT contracts_distinct_parties ON payment.contracts IS 'Buyer and seller differ.';
COMMENT ON CONSTRAINT contracts_expiry_after_creation ON payment.contracts IS 'An expiry lies after creation.';
COMMENT ON INDEX payment.contracts_product_id_idx IS 'Contracts of a product (seed index; FK).';
COMMENT ON INDEX payment.contracts_buyer_id_idx IS 'Contracts of a buyer (seed index; RLS, T-L12).';
COMMENT ON INDEX payment.contracts_seller_id_idx IS 'Contracts of a seller (seed index; RLS, T-L12).';
COMMENT ON INDEX payment.contracts_status_idx IS 'Contracts by status (seed index).';
COMMENT ON TRIGGER contracts_set_updated_at ON payment.contracts IS 'Keeps updated_at current on real changes.';

\ir ../../roles/payment/contracts.sql

SELECT audit.enable_tracking('payment.contracts');

COMMIT;
