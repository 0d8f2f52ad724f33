-- Revert chaindb:core/set_updated_at from pg

BEGIN;

DROP FUNCTION core.set_updated_at();

COMMIT;
