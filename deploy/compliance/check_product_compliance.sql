-- Deploy chaindb:compliance/check_product_compliance to pg
-- requires: compliance/certifications
-- requires: compliance/checkpoint_checks

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SET LOCAL ROLE chain_owner;

\ir ../../functions/compliance/check_product_compliance.sql

COMMIT;
