-- Deploy chaindb:audit/schema to pg
-- requires: roles/roles

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

CREATE SCHEMA audit AUTHORIZATION chain_owner;
COMMENT ON SCHEMA audit IS 'Row history of tracked tables (audit.logs) and system events; readable by chain_auditor only.';

SET LOCAL ROLE chain_owner;

\ir ../../roles/audit/schema.sql

COMMIT;
