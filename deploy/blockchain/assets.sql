-- Deploy chaindb:blockchain/assets to pg
-- requires: blockchain/schema
-- requires: core/users
-- requires: core/set_updated_at
-- requires: audit/capture

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SET LOCAL ROLE chain_owner;

CREATE TYPE blockchain.asset_type AS ENUM (
    'actuator', 'sensor', 'controller', 'power_system', 'end_effector', 'software');
COMMENT ON TYPE blockchain.asset_type IS 'Kind of tokenized robotics component.';

CREATE TABLE blockchain.assets (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    issuer_id        bigint NOT NULL REFERENCES core.users (id),
    asset_type       blockchain.asset_type NOT NULL,
    name             text NOT NULL CHECK (pg_catalog.length(name) BETWEEN 1 AND 200),
    symbol           text NOT NULL UNIQUE CHECK (symbol ~ '^[A-Z0-9]{2,16}$'),
    description      text NOT NULL DEFAULT '' CHECK (pg_catalog.length(description) <= 10000),
    specifications   jsonb NOT NULL DEFAULT '{}' CHECK (pg_catalog.jsonb_typeof(specifications) = 'object'),
    total_supply     numeric(38, 18) NOT NULL CHECK (total_supply > 0),
    metadata_uri     text CHECK (metadata_uri ~ '^(ipfs|ar|https)://[^[:space:]]+$'),
    is_active        boolean NOT NULL DEFAULT true,
    created_at       timestamptz NOT NULL DEFAULT pg_catalog.now(),
    updated_at       timestamptz NOT NULL DEFAULT pg_catalog.now(),
    -- weighted document for full-text search: name and symbol rank above the description; one
    -- configuration, english, for every part and for the query (blockchain.search_assets)
    search_vector    tsvector NOT NULL GENERATED ALWAYS AS (
        pg_catalog.setweight(pg_catalog.to_tsvector('english'::regconfig, name), 'A')
        || pg_catalog.setweight(pg_catalog.to_tsvector('english'::regconfig, symbol), 'A')
        || pg_catalog.setweight(pg_catalog.to_tsvector('english'::regconfig, description), 'B')) STORED
);
CREATE INDEX assets_asset_type_issuer_id_idx ON blockchain.assets (asset_type, issuer_id);
CREATE INDEX assets_issuer_id_idx ON blockchain.assets (issuer_id);
CREATE INDEX assets_specifications_idx ON blockchain.assets USING gin (specifications jsonb_path_ops);
CREATE INDEX assets_search_vector_idx ON blockchain.assets USING gin (search_vector);

-- no WHEN (OLD IS DISTINCT FROM NEW): a BEFORE trigger's WHEN cannot see generated columns
CREATE TRIGGER assets_set_updated_at BEFORE UPDATE ON blockchain.assets
    FOR EACH ROW EXECUTE FUNCTION core.set_updated_at();

COMMENT ON TABLE blockchain.assets IS 'Tokenized robotics components; a public catalogue: readable by every role, written by the backend.';
COMMENT ON COLUMN blockchain.assets.id IS 'Identity of the asset.';
COMMENT ON COLUMN blockchain.assets.issuer_id IS 'The user who tokenized the component.';
COMMENT ON COLUMN blockchain.assets.asset_type IS 'Kind of component.';
COMMENT ON COLUMN blockchain.assets.name IS 'Display name, 1..200 characters.';
COMMENT ON COLUMN blockchain.assets.symbol IS 'Token symbol, upper-case letters and digits, unique; price feeds quote it.';
COMMENT ON COLUMN blockchain.assets.description IS 'Free-text description, searched with the name and symbol.';
COMMENT ON COLUMN blockchain.assets.specifications IS 'Technical specifications as a JSON object; GIN (jsonb_path_ops) for @> queries.';
COMMENT ON COLUMN blockchain.assets.total_supply IS 'Number of tokens minted, positive.';
COMMENT ON COLUMN blockchain.assets.metadata_uri IS 'Token metadata location (ipfs://, ar:// or https://).';
COMMENT ON COLUMN blockchain.assets.is_active IS 'False once delisted; search returns active assets only.';
COMMENT ON COLUMN blockchain.assets.created_at IS 'Tokenization time.';
COMMENT ON COLUMN blockchain.assets.updated_at IS 'Last change, maintained by assets_set_updated_at.';
COMMENT ON COLUMN blockchain.assets.search_vector IS 'Generated full-text document (name, symbol weight A; description B), text search configuration english -- the one blockchain.search_assets() parses its query with.';
COMMENT ON INDEX blockchain.assets_asset_type_issuer_id_idx IS 'Assets by type and issuer.';
COMMENT ON INDEX blockchain.assets_issuer_id_idx IS 'Assets of one issuer (core.user_stats).';
COMMENT ON INDEX blockchain.assets_specifications_idx IS 'Containment queries on specifications.';
COMMENT ON INDEX blockchain.assets_search_vector_idx IS 'Full-text search of assets.';
COMMENT ON TRIGGER assets_set_updated_at ON blockchain.assets IS 'Keeps updated_at current on every update.';

\ir ../../roles/blockchain/assets.sql

SELECT audit.enable_tracking('blockchain.assets');

COMMIT;
