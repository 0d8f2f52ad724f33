-- Deploy chaindb:archive/schema to pg
-- requires: roles/roles

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

CREATE SCHEMA archive AUTHORIZATION chain_owner;
COMMENT ON SCHEMA archive IS 'Cold storage of the retention rules (ops.retention_policies, action archive): rows archived as JSON with their source and primary key, and whole partitions detached and moved here. Written by maint.cleanup_old_data only. Archiving never widens access: chain_auditor reads everything, chain_analytics only what it reads in the source table (roles/archive/schema.sql).';

SET LOCAL ROLE chain_owner;

\ir ../../roles/archive/schema.sql

COMMIT;
