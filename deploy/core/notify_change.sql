-- Deploy chaindb:core/notify_change to pg
-- requires: core/primary_key_columns

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SET LOCAL ROLE chain_owner;

\ir ../../functions/core/notify_change.sql

COMMIT;
