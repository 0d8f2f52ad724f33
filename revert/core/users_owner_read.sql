-- Revert chaindb:core/users_owner_read from pg

BEGIN;

DROP POLICY users_select_owner ON core.users;

COMMIT;
