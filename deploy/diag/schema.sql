-- Deploy chaindb:diag/schema to pg
-- requires: roles/roles

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

CREATE SCHEMA diag AUTHORIZATION chain_owner;
COMMENT ON SCHEMA diag IS 'psql diagnostics: health() with thresholds, ready(), statistics and the pg-extras set; chain_monitor only.';

-- pg_stat_statements (statement statistics for diag.slow_statements() and diag.calls()): created
-- here, private to the monitor roles, when the server offers it and nobody installed it yet. It
-- only collects when the server preloads it (shared_preload_libraries); the diag functions read
-- it wherever it is installed and report 'skipped' when it is absent or not loaded.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_available_extensions WHERE name = 'pg_stat_statements')
       AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_extension WHERE extname = 'pg_stat_statements') THEN
        BEGIN
            CREATE EXTENSION pg_stat_statements SCHEMA diag;
        EXCEPTION WHEN insufficient_privilege THEN
            RAISE NOTICE 'diag/schema: pg_stat_statements not created (%); diag.slow_statements() will report skipped', SQLERRM;
        END;
    END IF;
END
$$;

SET LOCAL ROLE chain_owner;

\ir ../../roles/diag/schema.sql

COMMIT;
