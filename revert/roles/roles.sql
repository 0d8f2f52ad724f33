-- Revert chaindb:roles/roles from pg
--
-- Roles are cluster-wide; their memberships (pg_monitor) and settings too, and neither shows in
-- pg_shdepend. So the deploy records each database that deployed the roles as a per-database
-- setting of chain_owner, chaindb.deployed (shared catalog pg_db_role_setting), and this revert:
--   1. undoes this database's own state: its marker, the default privileges of chain_owner, and
--      CONNECT (back to PUBLIC);
--   2. refuses when something in this database still uses a role (a change not reverted);
--   3. leaves every cluster-wide thing (roles, memberships, role settings) alone while another
--      database still carries the marker;
--   4. otherwise drops the roles, except one that another database still references through
--      pg_shdepend (objects or grants of a database deployed some other way): kept, with a NOTICE.
-- REVOKE CREATE ON SCHEMA public is not undone: it is PG15's default state, and giving PUBLIC
-- CREATE back would open a hole.

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

DO $revert$
DECLARE
    v_owner  oid := pg_catalog.to_regrole('chain_owner');
    v_role   text;
    v_left   text;
    v_others text;
BEGIN
    IF v_owner IS NULL THEN
        RETURN;  -- a revert in another database dropped the roles already
    END IF;

    -- 1. this database's own state
    EXECUTE pg_catalog.format('ALTER ROLE chain_owner IN DATABASE %I RESET chaindb.deployed',
                              pg_catalog.current_database());
    ALTER DEFAULT PRIVILEGES FOR ROLE chain_owner GRANT EXECUTE ON FUNCTIONS TO PUBLIC;
    EXECUTE pg_catalog.format(
        'REVOKE CONNECT ON DATABASE %I FROM chain_app, chain_readonly, chain_analytics, chain_auditor, chain_monitor, chain_authenticator',
        pg_catalog.current_database());
    EXECUTE pg_catalog.format('GRANT CONNECT ON DATABASE %I TO PUBLIC', pg_catalog.current_database());

    -- 2. nothing in this database may still use a role
    SELECT pg_catalog.string_agg(r.rolname || ': ' || pg_catalog.pg_describe_object(d.classid, d.objid, d.objsubid), ', ')
      INTO v_left
      FROM pg_catalog.pg_shdepend AS d
      JOIN pg_catalog.pg_roles AS r ON r.oid = d.refobjid
     WHERE d.dbid = (SELECT oid FROM pg_catalog.pg_database WHERE datname = pg_catalog.current_database())
       AND d.refclassid = 'pg_catalog.pg_authid'::pg_catalog.regclass
       AND r.rolname LIKE 'chain\_%';
    IF v_left IS NOT NULL THEN
        RAISE EXCEPTION 'roles/roles revert: roles still used in this database by: %', v_left
            USING HINT = 'Revert the changes (or drop the test helpers) that use them first.';
    END IF;

    -- 3. another database deployed the roles: the cluster-wide state is still theirs
    SELECT pg_catalog.string_agg(db.datname, ', ' ORDER BY db.datname) INTO v_others
      FROM pg_catalog.pg_db_role_setting AS s
      JOIN pg_catalog.pg_database AS db ON db.oid = s.setdatabase
     WHERE s.setrole = v_owner
       AND s.setdatabase <> (SELECT oid FROM pg_catalog.pg_database WHERE datname = pg_catalog.current_database())
       AND EXISTS (SELECT 1 FROM pg_catalog.unnest(s.setconfig) AS c WHERE c LIKE 'chaindb.deployed=%');
    IF v_others IS NOT NULL THEN
        RAISE NOTICE 'roles/roles revert: roles kept, still deployed in: %', v_others;
        RETURN;
    END IF;

    -- 4. the last deployment: drop the roles (their memberships and settings go with them)
    FOREACH v_role IN ARRAY ARRAY['chain_authenticator', 'chain_monitor', 'chain_auditor', 'chain_analytics', 'chain_readonly',
                                  'chain_user', 'chain_app', 'chain_owner']
    LOOP
        CONTINUE WHEN pg_catalog.to_regrole(v_role) IS NULL;
        BEGIN
            EXECUTE pg_catalog.format('DROP ROLE %I', v_role);
        EXCEPTION WHEN dependent_objects_still_exist THEN
            RAISE NOTICE 'roles/roles revert: role % kept, another database still uses it', v_role;
        END;
    END LOOP;
END
$revert$;

COMMIT;
