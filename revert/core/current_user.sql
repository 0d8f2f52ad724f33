-- Revert chaindb:core/current_user from pg

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

DROP FUNCTION core.current_wallet();
DROP FUNCTION core.current_user_id();

COMMIT;
