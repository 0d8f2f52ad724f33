-- Deploy chaindb:nft/schema to pg
-- requires: roles/roles
-- requires: core/backend_access

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

CREATE SCHEMA nft AUTHORIZATION chain_owner;
COMMENT ON SCHEMA nft IS 'TraceChain NFT certificates of products and their single-use verification codes (stored hashed).';

SET LOCAL ROLE chain_owner;

\ir ../../roles/nft/schema.sql

COMMIT;
