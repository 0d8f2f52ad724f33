-- Deploy chaindb:memory/batch_statistics to pg
-- requires: memory/batches

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SET LOCAL ROLE chain_owner;

\ir ../../views/memory/batch_statistics.sql

COMMIT;
