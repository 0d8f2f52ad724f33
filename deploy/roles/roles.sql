-- Deploy chaindb:roles/roles to pg
--
-- Conventions every chaindb deploy script follows (copy them):
--   * The script is one transaction: BEGIN; … COMMIT; its first statement pins
--     SET LOCAL search_path = pg_catalog, pg_temp, so every name is schema-qualified and nothing
--     resolves through a writable schema (pgspot checks it). Verify scripts do the same inside
--     BEGIN; … ROLLBACK;, and roles/ sources repeat it at their top.
--   * The deployer is a superuser. Schemas are created `CREATE SCHEMA x AUTHORIZATION chain_owner`,
--     then the script runs `SET LOCAL ROLE chain_owner;` so every object it creates is owned by
--     chain_owner (never by the deploying login). SET LOCAL ends with the transaction.
--   * Function and view sources live in functions/<schema>/<name>.sql and views/<schema>/<name>.sql,
--     grants and policies in roles/<schema>/<name>.sql; the deploy script includes them with
--     \ir (relative to the script, e.g. \ir ../../functions/core/current_user.sql).
--   * Schema-wide grants are default privileges FOR ROLE chain_owner IN SCHEMA <schema>
--     (roles/<schema>/schema.sql), so later tables inherit them; functions grant EXECUTE explicitly.
--   * Every object gets COMMENT ON. The revert script undoes exactly this script; the verify
--     script raises (division by zero, missing column, failed privilege check) when anything is missing.

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

\ir ../../roles/roles.sql

COMMIT;
