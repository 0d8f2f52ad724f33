-- Deploy chaindb:memory/user_statistics to pg
-- requires: memory/assets
-- requires: memory/cost_tracking

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SET LOCAL ROLE chain_owner;

\ir ../../views/memory/user_statistics.sql

COMMIT;
