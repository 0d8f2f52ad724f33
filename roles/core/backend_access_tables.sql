-- roles/core/backend_access_tables.sql — the backend (chain_app) and read-only (chain_readonly)
-- access of every table deployed before core/backend_access existed, through the helper:
-- RLS enabled and forced, PUBLIC revoked, chain_app DML and chain_readonly SELECT with their
-- policies <table>_{select,insert,update,delete}_app and <table>_select_readonly. Each table's own
-- roles/<schema>/<table>.sql keeps only what differs (chain_user, column-hidden secrets); what
-- differs from the helper's defaults for chain_app or chain_readonly is below, table by table.
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SELECT core.enable_backend_access(t)
  FROM pg_catalog.unnest(ARRAY[
        'core.users', 'blockchain.assets', 'blockchain.transactions', 'blockchain.price_feeds',
        'blockchain.price_symbols', 'trading.orders', 'trading.escrows', 'trading.grids',
        'manufacturing.orders', 'manufacturing.milestones', 'manufacturing.quality_assurance',
        'governance.proposals', 'governance.votes', 'education.modules', 'education.module_prerequisites',
        'education.progress', 'education.practice_sessions', 'auth.sessions']::pg_catalog.regclass[]) AS t;

-- governance.votes: a vote is never edited nor withdrawn by the backend (the tallies are built
-- from the votes); only the owner deletes one (the tallies follow).
REVOKE UPDATE, DELETE ON governance.votes FROM chain_app;
DROP POLICY votes_update_app ON governance.votes;
DROP POLICY votes_delete_app ON governance.votes;

-- education: reporting sees what end users see of the catalogue, published modules only.
ALTER POLICY modules_select_readonly ON education.modules USING (is_published);
COMMENT ON POLICY modules_select_readonly ON education.modules IS
    'Read-only reporting (chain_readonly) reads published modules only, without the quiz answer key (column privileges).';
ALTER POLICY module_prerequisites_select_readonly ON education.module_prerequisites
    USING (EXISTS (SELECT 1 FROM education.modules AS m WHERE m.id = module_id));
COMMENT ON POLICY module_prerequisites_select_readonly ON education.module_prerequisites IS
    'Read-only reporting (chain_readonly) reads the requirements of the modules it can see (published).';
