-- Deploy chaindb:core/current_user to pg
-- requires: core/wallet_address

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SET LOCAL ROLE chain_owner;

\ir ../../functions/core/current_user.sql

COMMIT;
