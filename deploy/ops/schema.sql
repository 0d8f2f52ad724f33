-- Deploy chaindb:ops/schema to pg
-- requires: roles/roles

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

CREATE SCHEMA ops AUTHORIZATION chain_owner;
COMMENT ON SCHEMA ops IS 'utxoIQ operations (seed 003): backfill jobs, insight feedback, system metrics; and the retention rules of every schema (ops.retention_policies). Backend tables: no end-user access.';

SET LOCAL ROLE chain_owner;

\ir ../../roles/ops/schema.sql

COMMIT;
