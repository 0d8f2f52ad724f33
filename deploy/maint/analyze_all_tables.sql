-- Deploy chaindb:maint/analyze_all_tables to pg
-- requires: maint/schema

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SET LOCAL ROLE chain_owner;

\ir ../../functions/maint/analyze_all_tables.sql

COMMIT;
