-- Deploy chaindb:diag/activity to pg
-- requires: diag/schema

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SET LOCAL ROLE chain_owner;

\ir ../../functions/diag/activity.sql

COMMIT;
