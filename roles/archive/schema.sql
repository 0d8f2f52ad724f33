-- roles/archive/schema.sql — schema archive is owner-only, readable by chain_auditor and chain_analytics.
--
-- Contract: only chain_owner (maint.cleanup_old_data, run by a superuser or pg_cron) writes here.
-- chain_auditor and chain_analytics get USAGE and, through default privileges, SELECT on every
-- archive table created by chain_owner. A partition moved here by ALTER TABLE … SET SCHEMA keeps
-- its own ACL (it was created under another schema's defaults), so maint.cleanup_old_data resets
-- it to exactly this contract when it moves one. chain_app, chain_user, chain_readonly,
-- chain_monitor and PUBLIC get nothing.
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

REVOKE ALL ON SCHEMA archive FROM PUBLIC;
GRANT USAGE ON SCHEMA archive TO chain_auditor, chain_analytics;

ALTER DEFAULT PRIVILEGES FOR ROLE chain_owner IN SCHEMA archive
    GRANT SELECT ON TABLES TO chain_auditor, chain_analytics;
