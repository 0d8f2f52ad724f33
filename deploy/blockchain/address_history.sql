-- Deploy chaindb:blockchain/address_history to pg
-- requires: blockchain/transactions

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SET LOCAL ROLE chain_owner;

\ir ../../functions/blockchain/address_history.sql

COMMIT;
