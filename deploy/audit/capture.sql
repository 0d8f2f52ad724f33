-- Deploy chaindb:audit/capture to pg
-- requires: audit/logs core/current_user core/primary_key_columns

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SET LOCAL ROLE chain_owner;

\ir ../../functions/audit/capture.sql

COMMIT;
