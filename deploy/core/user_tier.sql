-- Deploy chaindb:core/user_tier to pg
-- requires: core/schema

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SET LOCAL ROLE chain_owner;

CREATE TYPE core.user_tier AS ENUM ('free', 'basic', 'premium', 'enterprise');
COMMENT ON TYPE core.user_tier IS 'Service tier of a user, lowest first: free, basic, premium, enterprise.';

COMMIT;
