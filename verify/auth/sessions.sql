-- Verify chaindb:auth/sessions on pg

BEGIN;
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SELECT id, user_id, jti, token_hash, issued_at, expires_at, revoked_at, ip_address, user_agent
  FROM auth.sessions WHERE FALSE;
SELECT 'auth.revoke_session(text)'::regprocedure, 'auth.revoke_all_sessions(bigint)'::regprocedure,
       'auth.is_session_valid(text, bytea)'::regprocedure,
       'auth.keep_revocation()'::regprocedure;
SELECT 1 / (relrowsecurity AND relforcerowsecurity)::int FROM pg_catalog.pg_class WHERE oid = 'auth.sessions'::regclass;
SELECT 1 / (pg_catalog.count(*) = 2)::int FROM pg_catalog.pg_policy WHERE polrelid = 'auth.sessions'::regclass
   AND polname !~ '_(app|readonly)$|_select_owner$';  -- the table's own policies (core/backend_access_tables adds the rest)
SELECT 1 / (NOT pg_catalog.has_column_privilege('chain_readonly', 'auth.sessions', 'token_hash', 'SELECT'))::int;

ROLLBACK;
