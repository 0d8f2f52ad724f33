-- Deploy chaindb:nft/certificates to pg
-- requires: nft/schema
-- requires: trace/products
-- requires: core/set_updated_at
-- requires: audit/capture

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SET LOCAL ROLE chain_owner;

CREATE TYPE nft.certificate_type AS ENUM ('authenticity', 'compliance', 'ownership');
COMMENT ON TYPE nft.certificate_type IS 'What an NFT certificate attests (closed set listed by the upstream schema).';

CREATE TABLE nft.certificates (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    token_id          numeric(78, 0) NOT NULL UNIQUE CHECK (token_id >= 0),
    product_id        bigint NOT NULL REFERENCES trace.products (product_id),
    owner_id          bigint NOT NULL REFERENCES core.users (id),
    certificate_type  nft.certificate_type NOT NULL,
    metadata_uri      text NOT NULL CHECK (metadata_uri ~ '^(ipfs|ar|https)://[^[:space:]]+$'),
    is_valid          boolean NOT NULL DEFAULT true,
    minted_at         timestamptz NOT NULL DEFAULT pg_catalog.now(),
    transferred_at    timestamptz,
    contract_address  text CHECK (contract_address ~ '^0x[0-9a-f]{40}$'),
    tx_hash           text UNIQUE CHECK (tx_hash ~ '^0x[0-9a-f]{64}$'),
    block_number      bigint CHECK (block_number >= 0),
    updated_at        timestamptz NOT NULL DEFAULT pg_catalog.now(),
    CONSTRAINT certificates_transfer_after_mint CHECK (transferred_at >= minted_at)
);
CREATE INDEX certificates_product_id_idx ON nft.certificates (product_id);
CREATE INDEX certificates_owner_id_idx ON nft.certificates (owner_id);
CREATE INDEX certificates_valid_product_idx ON nft.certificates (product_id) WHERE is_valid;

CREATE TRIGGER certificates_set_updated_at BEFORE UPDATE ON nft.certificates
    FOR EACH ROW WHEN (OLD IS DISTINCT FROM NEW) EXECUTE FUNCTION core.set_updated_at();

COMMENT ON TABLE nft.certificates IS 'Seed nft_certificates: NFT certificates of a product (authenticity, compliance, ownership). History (RESTRICT). Audited. RLS: everyone reads them (verifiable); the backend writes.';
COMMENT ON COLUMN nft.certificates.id IS 'Identity.';
COMMENT ON COLUMN nft.certificates.token_id IS 'The NFT token id, uint256 as numeric(78,0), >= 0; unique across the platform (D-T12: one certificate contract; T-L13).';
COMMENT ON COLUMN nft.certificates.product_id IS 'The certified product (RESTRICT).';
COMMENT ON COLUMN nft.certificates.owner_id IS 'Current owner.';
COMMENT ON COLUMN nft.certificates.certificate_type IS 'authenticity, compliance or ownership.';
COMMENT ON COLUMN nft.certificates.metadata_uri IS 'Token metadata (ipfs://, ar:// or https://).';
COMMENT ON COLUMN nft.certificates.is_valid IS 'false once invalidated; its codes can no longer be redeemed.';
COMMENT ON COLUMN nft.certificates.minted_at IS 'When it was minted.';
COMMENT ON COLUMN nft.certificates.transferred_at IS 'Last transfer, not before minting.';
COMMENT ON COLUMN nft.certificates.contract_address IS 'NFT contract, 0x + 40 lower-case hex.';
COMMENT ON COLUMN nft.certificates.tx_hash IS 'Mint transaction, 0x + 64 lower-case hex; unique.';
COMMENT ON COLUMN nft.certificates.block_number IS 'Block, >= 0.';
COMMENT ON COLUMN nft.certificates.updated_at IS 'Last change, maintained by certificates_set_updated_at.';
COMMENT ON CONSTRAINT certificates_transfer_after_mint ON nft.certificates IS 'A transfer happens after minting.';
COMMENT ON INDEX nft.certificates_product_id_idx IS 'Certificates of a product (seed index; FK).';
COMMENT ON INDEX nft.certificates_owner_id_idx IS 'Certificates of an owner (seed index; T-L13).';
COMMENT ON INDEX nft.certificates_valid_product_idx IS 'Partial: valid certificates of a product (seed valid-status index).';
COMMENT ON TRIGGER certificates_set_updated_at ON nft.certificates IS 'Keeps updated_at current on real changes.';

\ir ../../roles/nft/certificates.sql

SELECT audit.enable_tracking('nft.certificates');

COMMIT;
