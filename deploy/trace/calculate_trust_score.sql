-- Deploy chaindb:trace/calculate_trust_score to pg
-- requires: compliance/checkpoint_checks
-- requires: compliance/certifications

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SET LOCAL ROLE chain_owner;

\ir ../../functions/trace/calculate_trust_score.sql

COMMIT;
