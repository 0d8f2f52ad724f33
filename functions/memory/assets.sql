-- memory.asset_guard() → trigger (BEFORE INSERT OR UPDATE ON memory.assets, row)
--   * INSERT: a new asset starts at version 1 and is not burned.
--   * UPDATE: asset_id never changes; owner_address changes only from memory.transfers' trigger
--     (memory.apply_transfer) and version, arweave_id, content_hash only from memory.versions'
--     trigger (memory.apply_version): both run this trigger one level deeper
--     (pg_trigger_depth() > 1), a direct UPDATE runs it at depth 1. A burned asset is frozen:
--     no update at all, so a burn is final.
--   Violations raise SQLSTATE 55000 (object_not_in_prerequisite_state) naming the way to do it.
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

CREATE FUNCTION memory.asset_guard()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF NEW.version <> 1 OR NEW.burned_at IS NOT NULL THEN
            RAISE EXCEPTION 'memory.assets: a new asset starts at version 1, not burned (asset %)', NEW.asset_id
                USING ERRCODE = 'object_not_in_prerequisite_state',
                      HINT = 'Record later versions in memory.versions.';
        END IF;
        RETURN NEW;
    END IF;
    IF OLD.burned_at IS NOT NULL THEN
        RAISE EXCEPTION 'memory.assets: asset % was burned at % and is frozen', OLD.asset_id, OLD.burned_at
            USING ERRCODE = 'object_not_in_prerequisite_state';
    END IF;
    IF NEW.asset_id <> OLD.asset_id THEN
        RAISE EXCEPTION 'memory.assets: asset % cannot change its id', OLD.asset_id
            USING ERRCODE = 'object_not_in_prerequisite_state';
    END IF;
    IF pg_catalog.pg_trigger_depth() < 2 THEN
        IF NEW.owner_address <> OLD.owner_address THEN
            RAISE EXCEPTION 'memory.assets: the owner of asset % changes only by a transfer', OLD.asset_id
                USING ERRCODE = 'object_not_in_prerequisite_state',
                      HINT = 'Call memory.transfer_asset() or insert into memory.transfers.';
        END IF;
        IF (NEW.version, NEW.arweave_id, NEW.content_hash) IS DISTINCT FROM (OLD.version, OLD.arweave_id, OLD.content_hash) THEN
            RAISE EXCEPTION 'memory.assets: the version and content of asset % change only by a new version', OLD.asset_id
                USING ERRCODE = 'object_not_in_prerequisite_state',
                      HINT = 'Insert into memory.versions.';
        END IF;
    END IF;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION memory.asset_guard() IS
    'Trigger: new assets start at version 1; owner, version and content change only through memory.transfers / memory.versions; ids never change; burned assets are frozen (SQLSTATE 55000).';
REVOKE ALL ON FUNCTION memory.asset_guard() FROM PUBLIC;
