-- Deploy chaindb:trace/get_product_trace_chain to pg
-- requires: trace/traceability_chain
-- requires: core/backend_access_tables

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SET LOCAL ROLE chain_owner;

\ir ../../functions/trace/get_product_trace_chain.sql

COMMIT;
