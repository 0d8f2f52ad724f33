-- Deploy chaindb:governance/schema to pg
-- requires: roles/roles

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

CREATE SCHEMA governance AUTHORIZATION chain_owner;
COMMENT ON SCHEMA governance IS 'DAO governance of The Construct: proposals and one vote per member per proposal.';

SET LOCAL ROLE chain_owner;

\ir ../../roles/governance/schema.sql

COMMIT;
