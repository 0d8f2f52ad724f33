-- Access checks on memory assets.
--
-- memory.has_access(p_asset_id text, p_wallet core.wallet_address DEFAULT core.current_wallet()) → boolean
--   true when p_wallet owns the asset and it is not burned, or holds a usable grant on it: not
--   revoked, not expired (expires_at NULL or in the future), not exhausted (max_access NULL or
--   current_access < max_access). false otherwise, also for an unknown asset or a NULL wallet.
--   Two index probes: memory.assets_pkey, memory.access_grants_live_asset_grantee_key.
--   SECURITY INVOKER, STABLE: an end user sees through its own policies (its own assets and
--   grants), the backend sees everything. EXECUTE: chain_app, chain_user.
--
-- memory.consume_grant(p_asset_id text, p_grantee core.wallet_address DEFAULT core.current_wallet()) → integer
--   Counts one use of p_grantee's usable grant on the asset, atomically, and returns the uses left
--   (NULL = unlimited). The owner of the live asset needs no grant: nothing is counted, NULL.
--   One UPDATE … WHERE <usable> RETURNING: when two sessions race for the last use, the second
--   waits for the first's row lock, re-evaluates the WHERE on the committed row (READ COMMITTED)
--   and finds the grant exhausted — exactly one of them succeeds.
--   Raises 42501 (insufficient_privilege) when there is no usable grant ("holds no usable grant"),
--   when the wallet is NULL, and when an end user (role chain_user, or a session that is not the
--   backend chain_app) names a grantee other than core.current_wallet().
--   SECURITY DEFINER (owner chain_owner has SELECT/UPDATE policies on access_grants and SELECT on
--   assets): end users may count their own uses but have no UPDATE on the counters themselves.
--   search_path pinned. EXECUTE: chain_app, chain_user.
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

CREATE FUNCTION memory.has_access(p_asset_id text, p_wallet core.wallet_address DEFAULT core.current_wallet())
RETURNS boolean
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT EXISTS (
        SELECT 1 FROM memory.assets AS a
         WHERE a.asset_id = p_asset_id
           AND a.burned_at IS NULL
           AND (a.owner_address = p_wallet
                OR EXISTS (SELECT 1 FROM memory.access_grants AS g
                            WHERE g.asset_id = a.asset_id
                              AND g.grantee_address = p_wallet
                              AND g.revoked_at IS NULL
                              AND (g.expires_at IS NULL OR g.expires_at > pg_catalog.now())
                              AND (g.max_access IS NULL OR g.current_access < g.max_access))))
$$;
COMMENT ON FUNCTION memory.has_access(text, core.wallet_address) IS
    'true when the wallet (default core.current_wallet()) owns the live asset or holds a grant on it that is not revoked, expired or exhausted.';
REVOKE ALL ON FUNCTION memory.has_access(text, core.wallet_address) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION memory.has_access(text, core.wallet_address) TO chain_app, chain_user;

CREATE FUNCTION memory.consume_grant(p_asset_id text, p_grantee core.wallet_address DEFAULT core.current_wallet())
RETURNS integer
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_left integer;
BEGIN
    IF p_grantee IS NULL THEN
        RAISE EXCEPTION 'memory.consume_grant: no wallet given and none in the request (core.current_wallet() is NULL)'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    -- an end user counts only its own uses; the backend (a chain_app session) counts for any wallet
    IF (pg_catalog.current_setting('role') = 'chain_user'
        OR NOT pg_catalog.pg_has_role(SESSION_USER, 'chain_app', 'MEMBER'))
       AND p_grantee IS DISTINCT FROM core.current_wallet() THEN
        RAISE EXCEPTION 'memory.consume_grant: an end user may only use its own grants (wallet %)', p_grantee
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF EXISTS (SELECT 1 FROM memory.assets AS a
                WHERE a.asset_id = p_asset_id AND a.owner_address = p_grantee AND a.burned_at IS NULL) THEN
        RETURN NULL;  -- the owner's own access is not counted
    END IF;
    UPDATE memory.access_grants AS g
       SET current_access = g.current_access + 1,
           last_accessed_at = pg_catalog.now()
     WHERE g.asset_id = p_asset_id
       AND g.grantee_address = p_grantee
       AND g.revoked_at IS NULL
       AND (g.expires_at IS NULL OR g.expires_at > pg_catalog.now())
       AND (g.max_access IS NULL OR g.current_access < g.max_access)
       AND EXISTS (SELECT 1 FROM memory.assets AS a WHERE a.asset_id = g.asset_id AND a.burned_at IS NULL)
    RETURNING g.max_access - g.current_access INTO v_left;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'memory.consume_grant: wallet % holds no usable grant on asset %', p_grantee, p_asset_id
            USING ERRCODE = 'insufficient_privilege',
                  HINT = 'The grant is missing, revoked, expired or used up, or the asset is burned.';
    END IF;
    RETURN v_left;
END
$$;
COMMENT ON FUNCTION memory.consume_grant(text, core.wallet_address) IS
    'Counts one use of the wallet''s usable grant on the asset atomically; returns uses left (NULL = unlimited or owner); 42501 when none is usable. Of two sessions racing for the last use exactly one succeeds.';
REVOKE ALL ON FUNCTION memory.consume_grant(text, core.wallet_address) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION memory.consume_grant(text, core.wallet_address) TO chain_app, chain_user;
