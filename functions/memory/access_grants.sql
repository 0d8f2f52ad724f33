-- memory.access_grant_guard() → trigger (BEFORE INSERT OR UPDATE ON memory.access_grants, row)
--   INSERT: the asset exists and is not burned (else 55000), the grantor is its owner (else
--   42501: only an owner grants), and the grant starts unused and unrevoked (else 55000).
--   UPDATE: asset, grantee, grantor and created_at never change; current_access never decreases;
--   a revoked grant is final (no change at all). On revocation revoked_by is filled, when not
--   given, with core.current_wallet() or else the grantor. All violations: SQLSTATE 55000
--   (object_not_in_prerequisite_state).
--   SECURITY DEFINER (owner chain_owner, which has a SELECT policy on memory.assets): the
--   ownership check must see the asset whoever inserts. search_path pinned.
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

CREATE FUNCTION memory.access_grant_guard()
RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_owner  core.wallet_address;
    v_burned timestamptz;
BEGIN
    IF TG_OP = 'INSERT' THEN
        SELECT a.owner_address, a.burned_at INTO v_owner, v_burned FROM memory.assets AS a WHERE a.asset_id = NEW.asset_id;
        IF NOT FOUND THEN
            RETURN NEW;  -- the foreign key reports the missing asset
        END IF;
        IF v_burned IS NOT NULL THEN
            RAISE EXCEPTION 'memory.access_grants: asset % is burned; no new grants', NEW.asset_id
                USING ERRCODE = 'object_not_in_prerequisite_state';
        END IF;
        IF NEW.grantor_address IS DISTINCT FROM v_owner THEN
            RAISE EXCEPTION 'memory.access_grants: wallet % does not own asset % and cannot grant access to it',
                            NEW.grantor_address, NEW.asset_id
                USING ERRCODE = 'insufficient_privilege', HINT = 'Only the asset''s owner grants access.';
        END IF;
        IF NEW.current_access <> 0 OR NEW.revoked_at IS NOT NULL OR NEW.revoked_by IS NOT NULL
           OR NEW.last_accessed_at IS NOT NULL THEN
            RAISE EXCEPTION 'memory.access_grants: a new grant starts unused and unrevoked'
                USING ERRCODE = 'object_not_in_prerequisite_state';
        END IF;
        RETURN NEW;
    END IF;

    IF OLD.revoked_at IS NOT NULL THEN
        IF NEW IS DISTINCT FROM OLD THEN
            RAISE EXCEPTION 'memory.access_grants: grant % was revoked at % and is final', OLD.id, OLD.revoked_at
                USING ERRCODE = 'object_not_in_prerequisite_state';
        END IF;
        RETURN NEW;
    END IF;
    IF (NEW.id, NEW.asset_id, NEW.grantee_address, NEW.grantor_address, NEW.created_at)
       IS DISTINCT FROM (OLD.id, OLD.asset_id, OLD.grantee_address, OLD.grantor_address, OLD.created_at) THEN
        RAISE EXCEPTION 'memory.access_grants: grant % cannot change its asset, parties or creation time', OLD.id
            USING ERRCODE = 'object_not_in_prerequisite_state', HINT = 'Revoke it and grant anew.';
    END IF;
    IF NEW.current_access < OLD.current_access THEN
        RAISE EXCEPTION 'memory.access_grants: grant % cannot give back uses (% -> %)', OLD.id, OLD.current_access, NEW.current_access
            USING ERRCODE = 'object_not_in_prerequisite_state';
    END IF;
    IF NEW.revoked_at IS NOT NULL AND NEW.revoked_by IS NULL THEN
        NEW.revoked_by := COALESCE(core.current_wallet(), OLD.grantor_address);
    END IF;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION memory.access_grant_guard() IS
    'Trigger: only the owner of a live asset grants (42501); grants start unused; parties immutable; uses never decrease; revocation final, revoked_by filled (SQLSTATE 55000).';
REVOKE ALL ON FUNCTION memory.access_grant_guard() FROM PUBLIC;
