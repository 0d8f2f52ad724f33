-- Deploy chaindb:diag/package to pg
-- requires: diag/schema

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

-- the SECURITY DEFINER functions read the Sqitch registry (schema sqitch, the default) as chain_owner
DO $$
BEGIN
    IF pg_catalog.to_regclass('sqitch.changes') IS NOT NULL AND pg_catalog.to_regclass('sqitch.events') IS NOT NULL THEN
        GRANT USAGE ON SCHEMA sqitch TO chain_owner;
        GRANT SELECT ON sqitch.changes, sqitch.events TO chain_owner;
    ELSE
        RAISE NOTICE 'diag/package: no Sqitch registry in schema sqitch; diag.migration_status() will report skipped';
    END IF;
END
$$;

SET LOCAL ROLE chain_owner;

\ir ../../functions/diag/package.sql

COMMIT;
