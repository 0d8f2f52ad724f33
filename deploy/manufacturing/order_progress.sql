-- Deploy chaindb:manufacturing/order_progress to pg
-- requires: manufacturing/milestones

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SET LOCAL ROLE chain_owner;

\ir ../../functions/manufacturing/order_progress.sql

COMMIT;
