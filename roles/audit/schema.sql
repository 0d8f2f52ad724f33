-- roles/audit/schema.sql — the audit schema is read by chain_auditor only.
--
-- Contract: chain_auditor gets USAGE and, through default privileges, SELECT on every audit
-- table. Rows are written by the SECURITY DEFINER capture triggers (as chain_owner); the one
-- exception, INSERT on audit.system_events for chain_app, is granted with that table (which is
-- why chain_app has USAGE). Nobody else, PUBLIC included, reaches the schema.

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write
REVOKE ALL ON SCHEMA audit FROM PUBLIC;
GRANT USAGE ON SCHEMA audit TO chain_auditor, chain_app;

ALTER DEFAULT PRIVILEGES FOR ROLE chain_owner IN SCHEMA audit
    GRANT SELECT ON TABLES TO chain_auditor;
