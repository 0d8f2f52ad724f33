-- Deploy chaindb:blockchain/search_assets to pg
-- requires: blockchain/assets

BEGIN;

SET LOCAL ROLE chain_owner;

\ir ../../functions/blockchain/search_assets.sql

COMMIT;
