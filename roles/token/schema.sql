-- roles/token/schema.sql — who may use schema token, and what later token tables inherit.
--
-- Contract: core.enable_schema_access (docs/conventions.md): USAGE for chain_app, chain_user and
-- chain_readonly; default privileges FOR ROLE chain_owner give every future token table DML to
-- chain_app and SELECT to chain_readonly, sequences to chain_app; PUBLIC nothing. chain_user gets
-- no default table privilege: each RLS table grants it explicitly next to its policies.
-- Functions grant EXECUTE one by one.
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SELECT core.enable_schema_access('token');
