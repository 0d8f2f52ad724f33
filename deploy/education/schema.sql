-- Deploy chaindb:education/schema to pg
-- requires: roles/roles

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

CREATE SCHEMA education AUTHORIZATION chain_owner;
COMMENT ON SCHEMA education IS 'Off the Grid learning: modules (content, quiz, unlock requirements), per-user progress, simulated practice sessions, the ready-for-trading summary.';

SET LOCAL ROLE chain_owner;

\ir ../../roles/education/schema.sql

COMMIT;
