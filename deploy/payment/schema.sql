-- Deploy chaindb:payment/schema to pg
-- requires: roles/roles
-- requires: core/backend_access

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

CREATE SCHEMA payment AUTHORIZATION chain_owner;
COMMENT ON SCHEMA payment IS 'TraceChain payments: escrow payment contracts between a buyer and a seller, and their escrow transactions.';

SET LOCAL ROLE chain_owner;

\ir ../../roles/payment/schema.sql

COMMIT;
