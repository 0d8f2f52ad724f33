-- Deploy chaindb:memory/active_assets to pg
-- requires: memory/access_grants

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SET LOCAL ROLE chain_owner;

\ir ../../views/memory/active_assets.sql

COMMIT;
