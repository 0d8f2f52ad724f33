-- Revert chaindb:core/users_feed from pg

BEGIN;

SET LOCAL ROLE chain_owner;

SELECT audit.disable_tracking('core.users');
SELECT core.disable_notify('core.users');

COMMIT;
