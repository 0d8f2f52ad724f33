-- Deploy chaindb:blockchain/address_history to pg
-- requires: blockchain/transactions

BEGIN;

SET LOCAL ROLE chain_owner;

\ir ../../functions/blockchain/address_history.sql

COMMIT;
