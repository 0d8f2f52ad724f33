-- Deploy chaindb:blockchain/schema to pg
-- requires: roles/roles

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

CREATE SCHEMA blockchain AUTHORIZATION chain_owner;
COMMENT ON SCHEMA blockchain IS 'Tokenized robotics components (assets), on-chain transactions and oracle price feeds of The Construct.';

SET LOCAL ROLE chain_owner;

\ir ../../roles/blockchain/schema.sql

COMMIT;
