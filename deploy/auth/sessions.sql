-- Deploy chaindb:auth/sessions to pg
-- requires: auth/schema
-- requires: core/users

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SET LOCAL ROLE chain_owner;

-- Never the token itself: a leaked table must not let anyone replay a session.
CREATE TABLE auth.sessions (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id     bigint NOT NULL REFERENCES core.users (id) ON DELETE CASCADE,
    jti         text NOT NULL UNIQUE CHECK (jti ~ '^[A-Za-z0-9._~-]{8,128}$'),
    token_hash  bytea NOT NULL UNIQUE CHECK (pg_catalog.octet_length(token_hash) = 32),
    issued_at   timestamptz NOT NULL DEFAULT pg_catalog.now(),
    expires_at  timestamptz NOT NULL,
    revoked_at  timestamptz,
    ip_address  inet,
    user_agent  text CHECK (pg_catalog.length(user_agent) <= 1024),
    CONSTRAINT sessions_expires_after_issue CHECK (expires_at > issued_at),
    CONSTRAINT sessions_revoked_after_issue CHECK (revoked_at >= issued_at)
);
-- a user's sessions by expiry (active-device list, revoke_all_sessions; leads with the policy column)
CREATE INDEX sessions_user_id_expires_at_idx ON auth.sessions (user_id, expires_at);
-- purge of expired sessions
CREATE INDEX sessions_expires_at_idx ON auth.sessions (expires_at);

COMMENT ON TABLE auth.sessions IS 'JWT sessions [user_sessions]: the SHA-256 of each token (never the token), jti, validity window, revocation, client. RLS: a user sees its own sessions; token_hash is hidden from chain_readonly and chain_user.';
COMMENT ON COLUMN auth.sessions.id IS 'Identity.';
COMMENT ON COLUMN auth.sessions.user_id IS 'The session''s user (owner of the row).';
COMMENT ON COLUMN auth.sessions.jti IS 'JWT ID claim, unique (8-128 URL-safe characters).';
COMMENT ON COLUMN auth.sessions.token_hash IS 'SHA-256 of the encoded JWT (32 bytes); a secret: readable by chain_app only.';
COMMENT ON COLUMN auth.sessions.issued_at IS 'JWT iat.';
COMMENT ON COLUMN auth.sessions.expires_at IS 'JWT exp; after issued_at.';
COMMENT ON COLUMN auth.sessions.revoked_at IS 'When the session was revoked (logout, revoke all); NULL while not revoked.';
COMMENT ON COLUMN auth.sessions.ip_address IS 'Client address at login.';
COMMENT ON COLUMN auth.sessions.user_agent IS 'Client user agent at login (at most 1024 characters).';
COMMENT ON CONSTRAINT sessions_expires_after_issue ON auth.sessions IS 'A session expires after it is issued.';
COMMENT ON CONSTRAINT sessions_revoked_after_issue ON auth.sessions IS 'A session is not revoked before it is issued.';
COMMENT ON INDEX auth.sessions_user_id_expires_at_idx IS 'A user''s sessions by expiry; serves the own-row policies and revoke_all_sessions.';
COMMENT ON INDEX auth.sessions_expires_at_idx IS 'Expired sessions, for purging.';

\ir ../../roles/auth/sessions.sql
\ir ../../functions/auth/sessions.sql

CREATE TRIGGER sessions_revocation_final BEFORE UPDATE OF revoked_at ON auth.sessions
    FOR EACH ROW WHEN (OLD.revoked_at IS NOT NULL) EXECUTE FUNCTION auth.keep_revocation();
COMMENT ON TRIGGER sessions_revocation_final ON auth.sessions IS 'A revoked session stays revoked: revoked_at cannot be cleared or moved once set.';

COMMIT;
