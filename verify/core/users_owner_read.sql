-- Verify chaindb:core/users_owner_read on pg

SELECT 1 / pg_catalog.count(*) FROM pg_catalog.pg_policy
 WHERE polrelid = 'core.users'::regclass AND polname = 'users_select_owner' AND polcmd = 'r'
   AND polroles = ARRAY['chain_owner'::regrole::oid];
