-- Deploy chaindb:maint/cleanup_old_data to pg
-- requires: maint/schema
-- requires: ops/retention_policies
-- requires: archive/rows

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SET LOCAL ROLE chain_owner;

\ir ../../functions/maint/cleanup_old_data.sql

COMMIT;
