-- Deploy chaindb:manufacturing/schema to pg
-- requires: roles/roles

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

CREATE SCHEMA manufacturing AUTHORIZATION chain_owner;
COMMENT ON SCHEMA manufacturing IS 'Manufacturing orders for robotics components, their payment milestones and quality assurance.';

SET LOCAL ROLE chain_owner;

\ir ../../roles/manufacturing/schema.sql

COMMIT;
