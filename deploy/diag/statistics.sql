-- Deploy chaindb:diag/statistics to pg
-- requires: diag/schema
-- requires: diag/index_allowlist

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SET LOCAL ROLE chain_owner;

\ir ../../functions/diag/statistics.sql

COMMIT;
