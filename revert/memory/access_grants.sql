-- Revert chaindb:memory/access_grants from pg

BEGIN;

DROP POLICY assets_select_granted ON memory.assets;
SELECT core.disable_notify('memory.access_grants');
SELECT audit.disable_tracking('memory.access_grants');
-- policies, grants, indexes and triggers go with the table
DROP TABLE memory.access_grants;
DROP FUNCTION memory.access_grant_guard();

COMMIT;
