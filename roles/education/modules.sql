-- roles/education/modules.sql — privileges and row-level security of education.modules and
-- education.module_prerequisites (the catalogue).
--
--   * published modules (and the requirements of published modules) are readable by every role
--     that reads the catalogue: chain_user, chain_readonly, chain_app;
--   * unpublished modules are drafts: chain_app only (it also writes the catalogue);
--   * FORCE ROW LEVEL SECURITY as everywhere (the owner has no policy: it sees nothing).

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

ALTER TABLE education.modules ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;

GRANT SELECT ON education.modules TO chain_user;
CREATE POLICY modules_select_published ON education.modules FOR SELECT TO chain_user, chain_readonly
    USING (is_published);
CREATE POLICY modules_select_app ON education.modules FOR SELECT TO chain_app USING (true);
CREATE POLICY modules_insert_app ON education.modules FOR INSERT TO chain_app WITH CHECK (true);
CREATE POLICY modules_update_app ON education.modules FOR UPDATE TO chain_app USING (true) WITH CHECK (true);
CREATE POLICY modules_delete_app ON education.modules FOR DELETE TO chain_app USING (true);
COMMENT ON POLICY modules_select_published ON education.modules IS 'End users and reporting read published modules only.';
COMMENT ON POLICY modules_select_app ON education.modules IS 'The backend reads every module, drafts included.';
COMMENT ON POLICY modules_insert_app ON education.modules IS 'The backend creates modules.';
COMMENT ON POLICY modules_update_app ON education.modules IS 'The backend edits and publishes modules.';
COMMENT ON POLICY modules_delete_app ON education.modules IS 'The backend deletes modules.';

ALTER TABLE education.module_prerequisites ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;

GRANT SELECT ON education.module_prerequisites TO chain_user;
-- a requirement is as visible as the module it locks (the subquery runs under modules' RLS)
CREATE POLICY module_prerequisites_select_published ON education.module_prerequisites
    FOR SELECT TO chain_user, chain_readonly
    USING (EXISTS (SELECT 1 FROM education.modules AS m WHERE m.id = module_id));
CREATE POLICY module_prerequisites_select_app ON education.module_prerequisites FOR SELECT TO chain_app USING (true);
CREATE POLICY module_prerequisites_insert_app ON education.module_prerequisites FOR INSERT TO chain_app WITH CHECK (true);
CREATE POLICY module_prerequisites_update_app ON education.module_prerequisites FOR UPDATE TO chain_app USING (true) WITH CHECK (true);
CREATE POLICY module_prerequisites_delete_app ON education.module_prerequisites FOR DELETE TO chain_app USING (true);
COMMENT ON POLICY module_prerequisites_select_published ON education.module_prerequisites IS 'End users and reporting read the requirements of the modules they can see (published).';
COMMENT ON POLICY module_prerequisites_select_app ON education.module_prerequisites IS 'The backend reads every requirement.';
COMMENT ON POLICY module_prerequisites_insert_app ON education.module_prerequisites IS 'The backend adds requirements.';
COMMENT ON POLICY module_prerequisites_update_app ON education.module_prerequisites IS 'The backend changes requirements.';
COMMENT ON POLICY module_prerequisites_delete_app ON education.module_prerequisites IS 'The backend removes requirements.';
