-- Deploy chaindb:governance/active_proposals to pg
-- requires: governance/proposals

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SET LOCAL ROLE chain_owner;

\ir ../../views/governance/active_proposals.sql

COMMIT;
