-- Deploy chaindb:core/set_updated_at to pg
-- requires: core/schema

BEGIN;

SET LOCAL ROLE chain_owner;

\ir ../../functions/core/set_updated_at.sql

COMMIT;
