-- Revert chaindb:core/notify_change from pg

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

DROP FUNCTION core.enable_notify(regclass);
DROP FUNCTION core.disable_notify(regclass);
DROP FUNCTION core.notify_change();

COMMIT;
