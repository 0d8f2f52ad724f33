-- Deploy chaindb:manufacturing/schema to pg
-- requires: roles/roles

BEGIN;

CREATE SCHEMA manufacturing AUTHORIZATION chain_owner;
COMMENT ON SCHEMA manufacturing IS 'Manufacturing orders for robotics components, their payment milestones and quality assurance.';

SET LOCAL ROLE chain_owner;

\ir ../../roles/manufacturing/schema.sql

COMMIT;
