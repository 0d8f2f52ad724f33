-- roles/nft/schema.sql — who may use schema nft, and what later nft tables inherit.
--
-- Contract (same as roles/core/schema.sql): USAGE for the roles that read or call nft; default
-- privileges FOR ROLE chain_owner give every future nft table DML to chain_app and SELECT to
-- chain_readonly. chain_user gets no default table privilege: each RLS table grants it explicitly
-- next to its policies. Functions grant EXECUTE one by one.
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

GRANT USAGE ON SCHEMA nft TO chain_app, chain_user, chain_readonly;

ALTER DEFAULT PRIVILEGES FOR ROLE chain_owner IN SCHEMA nft
    GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO chain_app;
ALTER DEFAULT PRIVILEGES FOR ROLE chain_owner IN SCHEMA nft
    GRANT SELECT ON TABLES TO chain_readonly;
ALTER DEFAULT PRIVILEGES FOR ROLE chain_owner IN SCHEMA nft
    GRANT USAGE, SELECT ON SEQUENCES TO chain_app;
