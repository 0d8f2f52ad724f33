-- Revert chaindb:memory/active_assets from pg

BEGIN;

DROP VIEW memory.active_assets;

COMMIT;
