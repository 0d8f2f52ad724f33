-- roles/memory/schema.sql — who may use schema memory, and what later memory tables inherit.
--
-- Contract (same as roles/trading/schema.sql): USAGE for the roles that read or call memory; default
-- privileges FOR ROLE chain_owner give every future memory table DML to chain_app (the seed's
-- blockchain_service: "SELECT, INSERT, UPDATE, DELETE ON ALL TABLES", "USAGE, SELECT ON ALL
-- SEQUENCES"). chain_readonly and chain_user get no default table privilege: each table grants
-- them explicitly next to its policies — chain_readonly by columns where a table holds a secret
-- (minting_queue.memory_content) or personal data (audit_logs.ip_address, user_agent), and the
-- monthly partitions maint.ensure_partitions adds to memory.audit_logs at run time inherit
-- nothing a reader could use to bypass the parent's policies and column grants. Functions grant
-- EXECUTE one by one.
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

GRANT USAGE ON SCHEMA memory TO chain_app, chain_user, chain_readonly;

ALTER DEFAULT PRIVILEGES FOR ROLE chain_owner IN SCHEMA memory
    GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO chain_app;
ALTER DEFAULT PRIVILEGES FOR ROLE chain_owner IN SCHEMA memory
    GRANT USAGE, SELECT ON SEQUENCES TO chain_app;
