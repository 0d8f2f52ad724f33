-- The session API of auth.sessions. All three are SECURITY INVOKER: they run under the
-- caller's row-level security, so an end user can only ever touch its own sessions.
--
-- auth.revoke_session(p_jti text) → boolean
--   Revokes the session with this JWT ID (revoked_at := now()); true when a session was revoked,
--   false when none is visible or it was already revoked. Callable by chain_app and chain_user.
CREATE FUNCTION auth.revoke_session(p_jti text)
RETURNS boolean
LANGUAGE sql
SET search_path = pg_catalog, pg_temp
AS $$
    WITH revoked AS (
        UPDATE auth.sessions SET revoked_at = pg_catalog.now()
         WHERE jti = p_jti AND revoked_at IS NULL
        RETURNING 1
    )
    SELECT pg_catalog.count(*) > 0 FROM revoked
$$;
COMMENT ON FUNCTION auth.revoke_session(text) IS
    'Revokes the session with JWT ID p_jti; true when one was revoked, false when none (visible) or already revoked.';
REVOKE ALL ON FUNCTION auth.revoke_session(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION auth.revoke_session(text) TO chain_app, chain_user;

-- auth.revoke_all_sessions(p_user_id bigint) → integer
--   Revokes every live (not revoked, not expired) session of the user ("log out everywhere");
--   returns how many. Served by sessions_user_id_expires_at_idx. Callable by chain_app and
--   chain_user (for itself: RLS hides other users' sessions, so it returns 0 for them).
CREATE FUNCTION auth.revoke_all_sessions(p_user_id bigint)
RETURNS integer
LANGUAGE sql
SET search_path = pg_catalog, pg_temp
AS $$
    WITH revoked AS (
        UPDATE auth.sessions SET revoked_at = pg_catalog.now()
         WHERE user_id = p_user_id AND expires_at > pg_catalog.now() AND revoked_at IS NULL
        RETURNING 1
    )
    SELECT pg_catalog.count(*)::integer FROM revoked
$$;
COMMENT ON FUNCTION auth.revoke_all_sessions(bigint) IS
    'Revokes every live session of user p_user_id; returns how many were revoked.';
REVOKE ALL ON FUNCTION auth.revoke_all_sessions(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION auth.revoke_all_sessions(bigint) TO chain_app, chain_user;

-- auth.is_session_valid(p_jti text, p_token_hash bytea) → boolean
--   True exactly when a session with this JWT ID exists, its token_hash equals p_token_hash (the
--   SHA-256 of the presented token), it is not revoked and now() is before expires_at. False
--   otherwise, also for NULL arguments. Served by sessions_jti_key. STABLE. Callable by chain_app
--   (the only role that may read token hashes).
CREATE FUNCTION auth.is_session_valid(p_jti text, p_token_hash bytea)
RETURNS boolean
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT EXISTS (
        SELECT 1 FROM auth.sessions AS s
         WHERE s.jti = p_jti
           AND s.token_hash = p_token_hash
           AND s.revoked_at IS NULL
           AND s.expires_at > pg_catalog.now())
$$;
COMMENT ON FUNCTION auth.is_session_valid(text, bytea) IS
    'True when the session p_jti exists, its token hash equals p_token_hash, it is not revoked and not expired.';
REVOKE ALL ON FUNCTION auth.is_session_valid(text, bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION auth.is_session_valid(text, bytea) TO chain_app;

-- auth.keep_revocation() → trigger
--   BEFORE UPDATE OF revoked_at row trigger of auth.sessions (fired only when the row was already
--   revoked): revocation is final — clearing or moving revoked_at raises 55000, for every role.
--   A stolen token whose session was revoked can never be revived. Not callable directly.
CREATE FUNCTION auth.keep_revocation()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF NEW.revoked_at IS DISTINCT FROM OLD.revoked_at THEN
        RAISE EXCEPTION 'auth.sessions: session % was revoked at %; revocation is final', OLD.jti, OLD.revoked_at
            USING ERRCODE = 'object_not_in_prerequisite_state';
    END IF;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION auth.keep_revocation() IS
    'Trigger of auth.sessions: a revoked session stays revoked (55000 when revoked_at would be cleared or changed).';
REVOKE ALL ON FUNCTION auth.keep_revocation() FROM PUBLIC;
