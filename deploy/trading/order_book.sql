-- Deploy chaindb:trading/order_book to pg
-- requires: trading/orders

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SET LOCAL ROLE chain_owner;

\ir ../../functions/trading/order_book.sql

COMMIT;
