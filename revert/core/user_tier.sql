-- Revert chaindb:core/user_tier from pg

BEGIN;

DROP TYPE core.user_tier;

COMMIT;
