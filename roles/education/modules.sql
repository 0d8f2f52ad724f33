-- roles/education/modules.sql — privileges and row-level security of education.modules and
-- education.module_prerequisites (the catalogue).
--
--   * published modules (and the requirements of published modules) are readable by every role
--     that reads the catalogue: chain_user, chain_readonly, chain_app;
--   * unpublished modules are drafts: chain_app only (it also writes the catalogue);
--   * FORCE ROW LEVEL SECURITY as everywhere (the owner has no policy: it sees nothing).

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write
-- chain_app and chain_readonly: core.enable_backend_access(), called for this table by the change
-- core/backend_access_tables (docs/conventions.md); here only what differs.

ALTER TABLE education.modules ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;

GRANT SELECT ON education.modules TO chain_user;
CREATE POLICY modules_select_published ON education.modules FOR SELECT TO chain_user
    USING (is_published);
COMMENT ON POLICY modules_select_published ON education.modules IS 'End users read published modules only (chain_readonly: modules_select_readonly, narrowed the same way).';

ALTER TABLE education.module_prerequisites ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;

GRANT SELECT ON education.module_prerequisites TO chain_user;
-- a requirement is as visible as the module it locks (the subquery runs under modules' RLS)
CREATE POLICY module_prerequisites_select_published ON education.module_prerequisites
    FOR SELECT TO chain_user
    USING (EXISTS (SELECT 1 FROM education.modules AS m WHERE m.id = module_id));
COMMENT ON POLICY module_prerequisites_select_published ON education.module_prerequisites IS 'End users read the requirements of the modules they can see (published; chain_readonly: module_prerequisites_select_readonly, narrowed the same way).';
