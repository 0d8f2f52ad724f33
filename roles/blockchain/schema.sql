-- roles/blockchain/schema.sql — who may use schema blockchain, and what later blockchain tables inherit.
--
-- Contract (same as roles/core/schema.sql): USAGE for the roles that read or call blockchain; default
-- privileges FOR ROLE chain_owner give every future blockchain table DML to chain_app and SELECT to
-- chain_readonly. chain_user gets no default table privilege: each RLS table grants it explicitly
-- next to its policies. Functions grant EXECUTE one by one.
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

GRANT USAGE ON SCHEMA blockchain TO chain_app, chain_user, chain_readonly;

ALTER DEFAULT PRIVILEGES FOR ROLE chain_owner IN SCHEMA blockchain
    GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO chain_app;
ALTER DEFAULT PRIVILEGES FOR ROLE chain_owner IN SCHEMA blockchain
    GRANT SELECT ON TABLES TO chain_readonly;
ALTER DEFAULT PRIVILEGES FOR ROLE chain_owner IN SCHEMA blockchain
    GRANT USAGE, SELECT ON SEQUENCES TO chain_app;
