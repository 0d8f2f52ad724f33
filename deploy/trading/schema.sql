-- Deploy chaindb:trading/schema to pg
-- requires: roles/roles

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

CREATE SCHEMA trading AUTHORIZATION chain_owner;
COMMENT ON SCHEMA trading IS 'Marketplace trading: orders, escrows, the order book (and Off the Grid grid bots).';

SET LOCAL ROLE chain_owner;

\ir ../../roles/trading/schema.sql

COMMIT;
