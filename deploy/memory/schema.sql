-- Deploy chaindb:memory/schema to pg
-- requires: core/backend_access
-- requires: roles/roles

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

CREATE SCHEMA memory AUTHORIZATION chain_owner;
COMMENT ON SCHEMA memory IS 'Memory assets (seed 001): wallet-owned memory assets on Solana, batches, access grants, transfers, the minting queue, its operation log, versions, Merkle trees and costs.';

SET LOCAL ROLE chain_owner;

\ir ../../roles/memory/schema.sql

COMMIT;
