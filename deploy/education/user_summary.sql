-- Deploy chaindb:education/user_summary to pg
-- requires: education/progress

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SET LOCAL ROLE chain_owner;

\ir ../../views/education/user_summary.sql

COMMIT;
