-- roles/diag/index_allowlist.sql — who curates the unused-index allow-list.
--
-- Contract: chain_monitor reads it (default privileges of schema diag), adds and removes
-- entries; chain_owner (deploy scripts) loads the entries of the indexes a change creates.
-- No other chain_* role reaches it.

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write
REVOKE ALL ON diag.index_allowlist FROM PUBLIC;
GRANT SELECT, INSERT, DELETE ON diag.index_allowlist TO chain_monitor;
