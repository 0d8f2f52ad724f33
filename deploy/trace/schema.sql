-- Deploy chaindb:trace/schema to pg
-- requires: roles/roles
-- requires: core/backend_access

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

CREATE SCHEMA trace AUTHORIZATION chain_owner;
COMMENT ON SCHEMA trace IS 'TraceChain product traceability: products, stakeholders, checkpoints and the traceability chain (public traceability data).';

SET LOCAL ROLE chain_owner;

\ir ../../roles/trace/schema.sql

COMMIT;
