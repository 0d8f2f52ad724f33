-- roles/archive/schema.sql — schema archive is owner-only; archiving never widens who may read what.
--
-- Contract: only chain_owner (maint.cleanup_old_data, run by a superuser or pg_cron) writes here.
-- The rule: data moved to the archive is readable by nobody who could not read it in its source
-- table, except the audit role.
--   * chain_auditor (audit) reads everything archived: USAGE, and through default privileges
--     SELECT on every archive table created by chain_owner, every archived partition and row.
--   * chain_analytics gets USAGE, and no default privilege: each archive table grants it on its own
--     terms. An archived partition (ALTER TABLE … SET SCHEMA archive keeps the ACL it was created
--     with under its source schema's defaults, so maint.retire_partition resets it) grants
--     chain_analytics exactly the columns it may read on the source table — all of them: a table
--     grant; some: those columns (memory.audit_logs' ip_address and user_agent stay hidden); none:
--     nothing — and nothing when row-level security on the source may hide rows from it
--     (archive.analytics_columns()). archive.rows holds whole rows as JSON: its policy
--     rows_select_analytics shows chain_analytics a row only when it reads every column and every
--     row of the row's source table (archive.analytics_sources()). archive.partitions, the catalog of
--     moved partitions (no source data), stays readable by both.
--   The privileges are taken when a partition is archived; a later change of the source's
--   privileges is not carried over to partitions archived before (archive.rows follows it at once).
-- chain_app, chain_user, chain_readonly, chain_monitor and PUBLIC get nothing.
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

REVOKE ALL ON SCHEMA archive FROM PUBLIC;
GRANT USAGE ON SCHEMA archive TO chain_auditor, chain_analytics;

-- chain_analytics deliberately absent: a new archive table states what it may read (roles/archive/rows.sql)
ALTER DEFAULT PRIVILEGES FOR ROLE chain_owner IN SCHEMA archive
    GRANT SELECT ON TABLES TO chain_auditor;
