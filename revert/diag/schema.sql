-- Revert chaindb:diag/schema from pg

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

ALTER DEFAULT PRIVILEGES FOR ROLE chain_owner IN SCHEMA diag
    REVOKE SELECT ON TABLES FROM chain_monitor;

-- pg_stat_statements goes only when it lives in diag (the deploy put it there); one installed
-- in another schema stays
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_extension
                WHERE extname = 'pg_stat_statements' AND extnamespace = 'diag'::regnamespace) THEN
        DROP EXTENSION pg_stat_statements;
    END IF;
END
$$;

DROP SCHEMA diag;

COMMIT;
