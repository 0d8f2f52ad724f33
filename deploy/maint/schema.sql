-- Deploy chaindb:maint/schema to pg
-- requires: roles/roles

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

CREATE SCHEMA maint AUTHORIZATION chain_owner;
COMMENT ON SCHEMA maint IS 'Maintenance: partitions ahead and retention, refreshes, analyze; owner-only.';

SET LOCAL ROLE chain_owner;

\ir ../../roles/maint/schema.sql

COMMIT;
