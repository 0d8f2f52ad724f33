-- Revert chaindb:core/user_tier from pg

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

DROP TYPE core.user_tier;

COMMIT;
