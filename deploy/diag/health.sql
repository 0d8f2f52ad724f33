-- Deploy chaindb:diag/health to pg
-- requires: diag/health_thresholds
-- requires: diag/package

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SET LOCAL ROLE chain_owner;

\ir ../../functions/diag/health.sql

COMMIT;
