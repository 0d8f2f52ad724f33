-- Deploy chaindb:compliance/schema to pg
-- requires: roles/roles
-- requires: core/backend_access

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

CREATE SCHEMA compliance AUTHORIZATION chain_owner;
COMMENT ON SCHEMA compliance IS 'TraceChain compliance: standards, product certifications and checkpoint compliance checks.';

SET LOCAL ROLE chain_owner;

\ir ../../roles/compliance/schema.sql

COMMIT;
