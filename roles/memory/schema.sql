-- roles/memory/schema.sql — who may use schema memory, and what later memory tables inherit.
--
-- Contract: core.enable_schema_access (docs/conventions.md) — USAGE for the roles that read or call
-- memory, default privileges FOR ROLE chain_owner giving every future memory table DML to chain_app (the seed's
-- blockchain_service: "SELECT, INSERT, UPDATE, DELETE ON ALL TABLES", "USAGE, SELECT ON ALL
-- SEQUENCES"). chain_readonly and chain_user get no default table privilege: each table grants
-- them explicitly next to its policies — chain_readonly by columns where a table holds a secret
-- (minting_queue.memory_content) or personal data (audit_logs.ip_address, user_agent), and the
-- monthly partitions maint.ensure_partitions adds to memory.audit_logs at run time inherit
-- nothing a reader could use to bypass the parent's policies and column grants. Functions grant
-- EXECUTE one by one.
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SELECT core.enable_schema_access('memory');
-- narrowed: reporting gets no default SELECT here (see above)
ALTER DEFAULT PRIVILEGES FOR ROLE chain_owner IN SCHEMA memory
    REVOKE SELECT ON TABLES FROM chain_readonly;
