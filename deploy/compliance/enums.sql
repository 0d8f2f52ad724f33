-- Deploy chaindb:compliance/enums to pg
-- requires: compliance/schema

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SET LOCAL ROLE chain_owner;

CREATE TYPE compliance.standard_category AS ENUM ('safety', 'quality', 'environmental', 'regulatory');
CREATE TYPE compliance.compliance_status AS ENUM ('pending', 'passed', 'failed', 'exempt');
COMMENT ON TYPE compliance.standard_category IS 'Category of a compliance standard (closed set listed by the upstream schema).';
COMMENT ON TYPE compliance.compliance_status IS 'Verdict of a compliance check: pending, passed, failed or exempt (closed set listed by the upstream schema).';

COMMIT;
