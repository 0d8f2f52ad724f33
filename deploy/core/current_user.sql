-- Deploy chaindb:core/current_user to pg
-- requires: core/wallet_address

BEGIN;

SET LOCAL ROLE chain_owner;

\ir ../../functions/core/current_user.sql

COMMIT;
