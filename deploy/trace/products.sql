-- Deploy chaindb:trace/products to pg
-- requires: trace/enums
-- requires: core/users
-- requires: core/set_updated_at
-- requires: audit/capture

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SET LOCAL ROLE chain_owner;

CREATE TABLE trace.products (
    product_id        bigint PRIMARY KEY CHECK (product_id >= 0),
    product_name      text NOT NULL CHECK (pg_catalog.length(product_name) BETWEEN 1 AND 255),
    product_type      trace.product_type NOT NULL,
    manufacturer_id   bigint NOT NULL REFERENCES core.users (id),
    batch_number      text NOT NULL CHECK (pg_catalog.length(batch_number) BETWEEN 1 AND 100),
    manufacture_date  timestamptz NOT NULL,
    expiry_date       timestamptz,
    raw_materials     text[] NOT NULL DEFAULT '{}',
    is_active         boolean NOT NULL DEFAULT true,
    metadata_uri      text CHECK (metadata_uri ~ '^(ipfs|ar|https)://[^[:space:]]+$'),
    contract_address  text CHECK (contract_address ~ '^0x[0-9a-f]{40}$'),
    tx_hash           text UNIQUE CHECK (tx_hash ~ '^0x[0-9a-f]{64}$'),
    block_number      bigint CHECK (block_number >= 0),
    deactivated_at    timestamptz,
    deactivated_by    bigint REFERENCES core.users (id),
    created_at        timestamptz NOT NULL DEFAULT pg_catalog.now(),
    updated_at        timestamptz NOT NULL DEFAULT pg_catalog.now(),
    search_vector     tsvector NOT NULL GENERATED ALWAYS AS (
                          pg_catalog.to_tsvector('pg_catalog.english'::pg_catalog.regconfig, product_name)) STORED,
    CONSTRAINT products_manufacturer_batch_key UNIQUE (manufacturer_id, batch_number),
    CONSTRAINT products_expiry_after_manufacture CHECK (expiry_date > manufacture_date),
    CONSTRAINT products_deactivation_consistent CHECK (is_active = (deactivated_at IS NULL)
                                                       AND (deactivated_by IS NULL OR deactivated_at IS NOT NULL))
);
CREATE INDEX products_manufacturer_id_idx ON trace.products (manufacturer_id);
CREATE INDEX products_batch_number_idx ON trace.products (batch_number);
CREATE INDEX products_product_type_idx ON trace.products (product_type);
CREATE INDEX products_active_type_idx ON trace.products (product_type) WHERE is_active;
CREATE INDEX products_active_manufacturer_idx ON trace.products (manufacturer_id) WHERE is_active;
CREATE INDEX products_created_at_idx ON trace.products (created_at);
CREATE INDEX products_manufacture_date_idx ON trace.products (manufacture_date);
CREATE INDEX products_expiry_date_idx ON trace.products (expiry_date);
CREATE INDEX products_deactivated_by_idx ON trace.products (deactivated_by);
CREATE INDEX products_search_vector_idx ON trace.products USING gin (search_vector);

-- no WHEN (OLD IS DISTINCT FROM NEW): a BEFORE trigger's WHEN cannot see the generated search_vector
CREATE TRIGGER products_set_updated_at BEFORE UPDATE ON trace.products
    FOR EACH ROW EXECUTE FUNCTION core.set_updated_at();

COMMENT ON TABLE trace.products IS 'Seed products: the product registry, mirroring the smart contract''s Product struct. Deactivated, never deleted (children RESTRICT). RLS: readable by everyone (public traceability data); a manufacturer registers and edits its own.';
COMMENT ON COLUMN trace.products.product_id IS 'The on-chain product id (natural key, D-T3), >= 0.';
COMMENT ON COLUMN trace.products.product_name IS 'Product name, 1..255 characters; full-text searchable (search_vector).';
COMMENT ON COLUMN trace.products.product_type IS 'Category (trace.product_type).';
COMMENT ON COLUMN trace.products.manufacturer_id IS 'The manufacturing user (core.users); added as its manufacturer stakeholder on insert.';
COMMENT ON COLUMN trace.products.batch_number IS 'Batch number, 1..100 characters; unique per manufacturer (D-T4).';
COMMENT ON COLUMN trace.products.manufacture_date IS 'When it was made.';
COMMENT ON COLUMN trace.products.expiry_date IS 'When it expires, after manufacture_date; NULL: does not expire.';
COMMENT ON COLUMN trace.products.raw_materials IS 'Raw materials it is made of.';
COMMENT ON COLUMN trace.products.is_active IS 'false once deactivated (then deactivated_at is set).';
COMMENT ON COLUMN trace.products.metadata_uri IS 'Metadata location (ipfs://, ar:// or https://; the seed''s IPFS integration).';
COMMENT ON COLUMN trace.products.contract_address IS 'Registry contract, 0x + 40 lower-case hex.';
COMMENT ON COLUMN trace.products.tx_hash IS 'Registration transaction, 0x + 64 lower-case hex; unique (idempotent indexer upserts).';
COMMENT ON COLUMN trace.products.block_number IS 'Block of the registration, >= 0.';
COMMENT ON COLUMN trace.products.deactivated_at IS 'When it was deactivated; set exactly when is_active is false.';
COMMENT ON COLUMN trace.products.deactivated_by IS 'Who deactivated it; only with deactivated_at.';
COMMENT ON COLUMN trace.products.created_at IS 'When it was registered.';
COMMENT ON COLUMN trace.products.updated_at IS 'Last change, maintained by products_set_updated_at.';
COMMENT ON COLUMN trace.products.search_vector IS 'Generated full-text document of product_name (english), GIN-indexed.';
COMMENT ON CONSTRAINT products_manufacturer_batch_key ON trace.products IS 'A batch number is unique per manufacturer (D-T4; the seed''s batch number index).';
COMMENT ON CONSTRAINT products_expiry_after_manufacture ON trace.products IS 'An expiry lies after manufacture.';
COMMENT ON CONSTRAINT products_deactivation_consistent ON trace.products IS 'deactivated_at is set exactly when the product is inactive; deactivated_by only with it.';
COMMENT ON INDEX trace.products_batch_number_idx IS 'Products by batch number alone (seed batch number index, T-L4; the unique key leads with the manufacturer).';
COMMENT ON INDEX trace.products_manufacturer_id_idx IS 'Products of a manufacturer (seed index; FK).';
COMMENT ON INDEX trace.products_product_type_idx IS 'Products by type (seed index).';
COMMENT ON INDEX trace.products_active_type_idx IS 'Partial: active products by type (seed active-status index).';
COMMENT ON INDEX trace.products_active_manufacturer_idx IS 'Partial: active products of a manufacturer (T-L3).';
COMMENT ON INDEX trace.products_created_at_idx IS 'Products by registration time.';
COMMENT ON INDEX trace.products_manufacture_date_idx IS 'Products by manufacture date.';
COMMENT ON INDEX trace.products_expiry_date_idx IS 'Products by expiry date (expiry sweeps).';
COMMENT ON INDEX trace.products_deactivated_by_idx IS 'FK to core.users (deactivated_by).';
COMMENT ON INDEX trace.products_search_vector_idx IS 'Full-text search of product names (T-L14).';
COMMENT ON TRIGGER products_set_updated_at ON trace.products IS 'Keeps updated_at current on every update.';

\ir ../../roles/trace/products.sql

SELECT audit.enable_tracking('trace.products');

COMMIT;
