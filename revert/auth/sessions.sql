-- Revert chaindb:auth/sessions from pg

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

DROP FUNCTION auth.is_session_valid(text, bytea);
DROP FUNCTION auth.revoke_all_sessions(bigint);
DROP FUNCTION auth.revoke_session(text);
-- policies, grants and indexes go with the table
DROP TABLE auth.sessions;
DROP FUNCTION auth.keep_revocation();

COMMIT;
