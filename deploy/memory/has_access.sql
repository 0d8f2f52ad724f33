-- Deploy chaindb:memory/has_access to pg
-- requires: memory/access_grants

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SET LOCAL ROLE chain_owner;

\ir ../../functions/memory/has_access.sql

COMMIT;
