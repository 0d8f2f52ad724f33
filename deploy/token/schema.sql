-- Deploy chaindb:token/schema to pg
-- requires: roles/roles
-- requires: core/backend_access

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

CREATE SCHEMA token AUTHORIZATION chain_owner;
COMMENT ON SCHEMA token IS 'TraceChain token economy: trace points, TRACE token transactions, staking pools and stakes.';

SET LOCAL ROLE chain_owner;

\ir ../../roles/token/schema.sql

COMMIT;
