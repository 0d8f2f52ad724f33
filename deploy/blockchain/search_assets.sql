-- Deploy chaindb:blockchain/search_assets to pg
-- requires: blockchain/assets

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SET LOCAL ROLE chain_owner;

\ir ../../functions/blockchain/search_assets.sql

COMMIT;
