-- roles/archive/rows.sql — privileges and RLS of archive.rows and archive.partitions.
--   chain_auditor: reads every archived row (SELECT from the archive default privileges);
--   chain_analytics: reads an archived row only when it reads every column and every row of the
--     row's source table (row_data is the whole row: a column hidden from it on the source, e.g.
--     memory.audit_logs.ip_address, must stay hidden here); rows of a source that no longer exists
--     stay hidden (its privileges are unknown);
--   chain_owner: writes (maint.cleanup_old_data's helpers; archive expiry), so it has its own
--     policies: RLS is forced, as on every table of ours (core.enable_backend_access), so that a
--     SECURITY DEFINER or owner session is bound by policies like anyone else; a superuser (pg_cron,
--     the deployer) is not bound at all;
--   archive.partitions (the catalog of moved partitions: names, ranges, counts) stays readable by
--     chain_auditor and chain_analytics — it holds no source data; each archived partition's own
--     privileges follow the rule (maint.retire_partition).
--   chain_app, chain_user, chain_readonly, chain_monitor and PUBLIC: nothing.
-- Policy names follow core.enable_backend_access: <table>_<command>_<role>.
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

ALTER TABLE archive.rows ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
REVOKE ALL ON TABLE archive.rows, archive.partitions FROM PUBLIC;
-- chain_auditor has SELECT from the schema's default privileges; chain_analytics is granted table by table
GRANT SELECT ON TABLE archive.rows, archive.partitions TO chain_analytics;

CREATE POLICY rows_select_auditor ON archive.rows FOR SELECT TO chain_auditor USING (true);
COMMENT ON POLICY rows_select_auditor ON archive.rows IS 'The audit role reads every archived row.';
-- (SELECT …): an InitPlan, run once per query (the CAST keeps ANY from reading it as a subquery
-- of arrays); source = ANY ($n) is an index condition on
-- rows_source_row_time_idx / rows_source_record_pk_key
CREATE POLICY rows_select_analytics ON archive.rows FOR SELECT TO chain_analytics
    USING (source = ANY (CAST((SELECT archive.analytics_sources()) AS text[])));
COMMENT ON POLICY rows_select_analytics ON archive.rows IS 'Archiving never widens access: chain_analytics reads an archived row only when it reads every column and row of its source table (archive.analytics_sources()); a dropped source stays hidden.';
CREATE POLICY rows_select_owner ON archive.rows FOR SELECT TO chain_owner USING (true);
COMMENT ON POLICY rows_select_owner ON archive.rows IS 'The owner reads every archived row (forced RLS binds it: archive expiry and the ON CONFLICT of maint.retention_batch read as it).';
CREATE POLICY rows_insert_owner ON archive.rows FOR INSERT TO chain_owner WITH CHECK (true);
COMMENT ON POLICY rows_insert_owner ON archive.rows IS 'Retention (maint.retention_batch, as chain_owner or a superuser) archives rows.';
CREATE POLICY rows_update_owner ON archive.rows FOR UPDATE TO chain_owner USING (true) WITH CHECK (true);
COMMENT ON POLICY rows_update_owner ON archive.rows IS 'Retention replaces the archived copy of a row archived again (ON CONFLICT (source, record_pk) DO UPDATE).';
CREATE POLICY rows_delete_owner ON archive.rows FOR DELETE TO chain_owner USING (true);
COMMENT ON POLICY rows_delete_owner ON archive.rows IS 'Archive expiry (maint.expire_archive) deletes rows past keep_archived.';
