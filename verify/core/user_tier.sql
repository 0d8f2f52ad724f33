-- Verify chaindb:core/user_tier on pg

BEGIN;
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SELECT 'free'::core.user_tier, 'enterprise'::core.user_tier;

ROLLBACK;
