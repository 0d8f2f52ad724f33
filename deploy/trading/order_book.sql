-- Deploy chaindb:trading/order_book to pg
-- requires: trading/orders

BEGIN;

SET LOCAL ROLE chain_owner;

\ir ../../functions/trading/order_book.sql

COMMIT;
