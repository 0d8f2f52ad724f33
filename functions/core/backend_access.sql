-- Access helpers: a table's and a schema's standard grants and policies, written once.
-- (docs/conventions.md describes them; the per-table roles/<schema>/<table>.sql files keep only
-- what differs: the chain_user grants and policies, column-level hiding of secrets.)
--
-- core.enable_backend_access(p_table regclass) → void
--   On p_table (run by its owner, chain_owner, in a deploy script):
--     ALTER TABLE … ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
--     REVOKE ALL … FROM PUBLIC;
--     GRANT SELECT, INSERT, UPDATE, DELETE … TO chain_app;  GRANT SELECT … TO chain_readonly;
--       except a privilege the role already holds column-wise on the table: it stays column-wise
--       (secrets hidden from chain_readonly, owner-only columns such as vote tallies kept from
--       chain_app), so restricting columns before or after the call gives the same result;
--     policies, one per command, named <table>_<command>_<who>, each with a COMMENT:
--       <t>_select_app    FOR SELECT TO chain_app      USING (true)
--       <t>_insert_app    FOR INSERT TO chain_app      WITH CHECK (true)
--       <t>_update_app    FOR UPDATE TO chain_app      USING (true) WITH CHECK (true)
--       <t>_delete_app    FOR DELETE TO chain_app      USING (true)
--       <t>_select_readonly FOR SELECT TO chain_readonly USING (true)
--       <t>_select_owner  FOR SELECT TO chain_owner    USING (true)   (definer code, triggers and
--                         matview REFRESH run as the owner, which FORCE RLS subjects to policies;
--                         owner writes stay per table)
--   A policy of the same name that exists already is left as it is (so the call is idempotent
--   and a table may narrow a policy afterwards with ALTER POLICY). What differs per table is
--   done after the call, in the table's roles/ file: chain_user's grants and *_own/_party
--   policies; REVOKE of a command chain_app may not run (then DROP POLICY of its policy too);
--   REVOKE SELECT … FROM chain_readonly + GRANT SELECT (columns) to hide secret columns.
--
-- core.enable_schema_access(p_schema regnamespace) → void
--   On a schema owned by chain_owner (run as chain_owner):
--     REVOKE ALL ON SCHEMA … FROM PUBLIC;  GRANT USAGE ON SCHEMA … TO chain_app, chain_user, chain_readonly;
--     default privileges FOR ROLE chain_owner IN SCHEMA …: tables → SELECT, INSERT, UPDATE, DELETE
--     to chain_app and SELECT to chain_readonly; sequences → USAGE, SELECT to chain_app.
--     chain_user gets no default table privilege (each RLS table grants it explicitly) and
--     functions grant EXECUTE one by one (PUBLIC never gets it: roles/roles.sql).
--   Idempotent. Other roles (chain_analytics, chain_auditor, chain_monitor) are granted by the
--   schema's own roles/ file.
--
-- Both are SECURITY INVOKER and executable by chain_owner only (PUBLIC: nothing).

CREATE FUNCTION core.enable_backend_access(p_table regclass)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_rel   name;
    v_kind  "char";
    v_pol   record;
    v_grant record;
BEGIN
    SELECT c.relname, c.relkind INTO v_rel, v_kind FROM pg_catalog.pg_class AS c WHERE c.oid = p_table;
    IF v_kind NOT IN ('r', 'p') THEN
        RAISE EXCEPTION 'core.enable_backend_access: % is not a table', p_table
            USING ERRCODE = 'wrong_object_type';
    END IF;

    EXECUTE pg_catalog.format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY', p_table);
    EXECUTE pg_catalog.format('REVOKE ALL ON TABLE %s FROM PUBLIC', p_table);
    -- grants; a privilege a role already holds column-wise (secrets hidden, owner-only columns)
    -- is left column-wise: the helper never widens it to the whole table
    FOR v_grant IN
        SELECT g.role, g.priv
          FROM (VALUES ('chain_app', 'SELECT'), ('chain_app', 'INSERT'), ('chain_app', 'UPDATE'),
                       ('chain_app', 'DELETE'), ('chain_readonly', 'SELECT')) AS g (role, priv)
         WHERE NOT EXISTS (SELECT 1 FROM pg_catalog.pg_attribute AS a, pg_catalog.aclexplode(a.attacl) AS x
                            WHERE a.attrelid = p_table AND x.grantee = g.role::regrole AND x.privilege_type = g.priv)
    LOOP
        EXECUTE pg_catalog.format('GRANT %s ON TABLE %s TO %I', v_grant.priv, p_table, v_grant.role);
    END LOOP;

    FOR v_pol IN
        SELECT v.cmd, v.who, v.role, v.clause, v.note
          FROM (VALUES
            ('select', 'app',      'chain_app',      'USING (true)',                 'The backend (chain_app) reads every row.'),
            ('insert', 'app',      'chain_app',      'WITH CHECK (true)',            'The backend (chain_app) inserts rows.'),
            ('update', 'app',      'chain_app',      'USING (true) WITH CHECK (true)', 'The backend (chain_app) updates every row.'),
            ('delete', 'app',      'chain_app',      'USING (true)',                 'The backend (chain_app) deletes rows.'),
            ('select', 'readonly', 'chain_readonly', 'USING (true)',                 'Read-only reporting (chain_readonly) reads every row its column privileges allow.'),
            ('select', 'owner',    'chain_owner',    'USING (true)',                 'The owner (chain_owner) reads every row: SECURITY DEFINER functions, triggers and materialized view refreshes run as the owner under FORCE ROW LEVEL SECURITY.')
          ) AS v (cmd, who, role, clause, note)
    LOOP
        CONTINUE WHEN EXISTS (SELECT 1 FROM pg_catalog.pg_policy AS p
                               WHERE p.polrelid = p_table AND p.polname = v_rel || '_' || v_pol.cmd || '_' || v_pol.who);
        EXECUTE pg_catalog.format('CREATE POLICY %I ON %s FOR %s TO %I %s',
                                  v_rel || '_' || v_pol.cmd || '_' || v_pol.who, p_table,
                                  pg_catalog.upper(v_pol.cmd), v_pol.role, v_pol.clause);
        EXECUTE pg_catalog.format('COMMENT ON POLICY %I ON %s IS %L',
                                  v_rel || '_' || v_pol.cmd || '_' || v_pol.who, p_table,
                                  v_pol.note || ' (core.enable_backend_access)');
    END LOOP;
END
$$;
COMMENT ON FUNCTION core.enable_backend_access(regclass) IS
    'Enables and forces RLS on a table, revokes PUBLIC, grants DML to chain_app and SELECT to chain_readonly (a privilege a role already holds column-wise stays column-wise: hidden secrets stay hidden), and adds the commented policies <table>_{select,insert,update,delete}_app (chain_app, true) <table>_select_readonly (chain_readonly, true) and <table>_select_owner (chain_owner, true: definer code, triggers and matview refreshes read as the owner under FORCE RLS); existing policies of those names are kept; idempotent. Run by the table owner. See docs/conventions.md.';
REVOKE ALL ON FUNCTION core.enable_backend_access(regclass) FROM PUBLIC;

CREATE FUNCTION core.enable_schema_access(p_schema regnamespace)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    EXECUTE pg_catalog.format('REVOKE ALL ON SCHEMA %s FROM PUBLIC', p_schema);
    EXECUTE pg_catalog.format('GRANT USAGE ON SCHEMA %s TO chain_app, chain_user, chain_readonly', p_schema);
    EXECUTE pg_catalog.format(
        'ALTER DEFAULT PRIVILEGES FOR ROLE chain_owner IN SCHEMA %s GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO chain_app',
        p_schema);
    EXECUTE pg_catalog.format(
        'ALTER DEFAULT PRIVILEGES FOR ROLE chain_owner IN SCHEMA %s GRANT SELECT ON TABLES TO chain_readonly', p_schema);
    EXECUTE pg_catalog.format(
        'ALTER DEFAULT PRIVILEGES FOR ROLE chain_owner IN SCHEMA %s GRANT USAGE, SELECT ON SEQUENCES TO chain_app', p_schema);
END
$$;
COMMENT ON FUNCTION core.enable_schema_access(regnamespace) IS
    'Schema grants of a chaindb schema: no PUBLIC, USAGE for chain_app, chain_user, chain_readonly; default privileges FOR ROLE chain_owner: new tables DML to chain_app and SELECT to chain_readonly, new sequences USAGE, SELECT to chain_app. Idempotent; run as chain_owner. See docs/conventions.md.';
REVOKE ALL ON FUNCTION core.enable_schema_access(regnamespace) FROM PUBLIC;
