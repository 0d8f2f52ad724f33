-- Deploy chaindb:core/backend_access to pg
-- requires: core/schema

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SET LOCAL ROLE chain_owner;

\ir ../../functions/core/backend_access.sql

COMMIT;
