-- Revert chaindb:memory/assets from pg

BEGIN;

SELECT core.disable_notify('memory.assets');
SELECT audit.disable_tracking('memory.assets');
-- policies, grants, indexes and triggers go with the table
DROP TABLE memory.assets;
DROP FUNCTION memory.asset_guard();

COMMIT;
