-- Deploy chaindb:maint/partitions to pg
-- requires: maint/schema

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SET LOCAL ROLE chain_owner;

\ir ../../functions/maint/partitions.sql
\ir ../../functions/maint/drop_partitions_older_than.sql

COMMIT;
