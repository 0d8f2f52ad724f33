-- Deploy chaindb:core/schema to pg
-- requires: roles/roles

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

CREATE SCHEMA core AUTHORIZATION chain_owner;
COMMENT ON SCHEMA core IS 'Identity shared by every platform: users, wallet addresses, the current-user helpers RLS policies call.';

SET LOCAL ROLE chain_owner;

\ir ../../roles/core/schema.sql

COMMIT;
