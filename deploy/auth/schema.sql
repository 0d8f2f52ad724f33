-- Deploy chaindb:auth/schema to pg
-- requires: roles/roles

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

CREATE SCHEMA auth AUTHORIZATION chain_owner;
COMMENT ON SCHEMA auth IS 'Off the Grid JWT session tracking. Readable as documented in roles/auth/schema.sql: chain_app manages sessions, chain_user its own, chain_readonly everything but token hashes; nothing by default.';

SET LOCAL ROLE chain_owner;

\ir ../../roles/auth/schema.sql

COMMIT;
