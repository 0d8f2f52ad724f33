-- Revert chaindb:roles/roles from pg
--
-- Roles are cluster-wide: another database on this cluster may still use them. This database's
-- own uses must already be gone (every dependent change reverted); a role still used by another
-- database is kept, with a NOTICE. REVOKE CREATE ON SCHEMA public is not undone: it is PG15's
-- default state, and giving PUBLIC CREATE back would open a hole.

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

DO $revert$
DECLARE
    v_role  text;
    v_left  text;
BEGIN
    -- a concurrent revert in another database may have dropped a role already: check each
    IF pg_catalog.to_regrole('chain_owner') IS NOT NULL THEN
        ALTER DEFAULT PRIVILEGES FOR ROLE chain_owner GRANT EXECUTE ON FUNCTIONS TO PUBLIC;
    END IF;
    FOREACH v_role IN ARRAY ARRAY['chain_monitor', 'chain_auditor', 'chain_analytics', 'chain_readonly',
                                  'chain_user', 'chain_app', 'chain_owner']
    LOOP
        CONTINUE WHEN NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = v_role);
        SELECT pg_catalog.string_agg(pg_catalog.pg_describe_object(d.classid, d.objid, d.objsubid), ', ')
          INTO v_left
          FROM pg_catalog.pg_shdepend AS d
          JOIN pg_catalog.pg_database AS db ON db.oid = d.dbid
         WHERE db.datname = pg_catalog.current_database()
           AND d.refclassid = 'pg_catalog.pg_authid'::pg_catalog.regclass
           AND d.refobjid = (SELECT oid FROM pg_catalog.pg_roles WHERE rolname = v_role);
        IF v_left IS NOT NULL THEN
            RAISE EXCEPTION 'roles/roles revert: role % is still used in this database by: %', v_role, v_left
                USING HINT = 'Revert the changes (or drop the test helpers) that use it first.';
        END IF;
        BEGIN
            EXECUTE pg_catalog.format('DROP ROLE %I', v_role);
        EXCEPTION WHEN dependent_objects_still_exist THEN
            RAISE NOTICE 'roles/roles revert: role % kept, another database still uses it', v_role;
        END;
    END LOOP;
END
$revert$;

COMMIT;
