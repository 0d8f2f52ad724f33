-- Verify chaindb:core/users_feed on pg

SELECT 1 / pg_catalog.count(*) FROM pg_catalog.pg_trigger
 WHERE tgrelid = 'core.users'::regclass AND tgname = 'notify_change';
