-- memory.apply_version() → trigger (BEFORE INSERT ON memory.versions, row)
--   Locks the asset row (FOR UPDATE: concurrent new versions of one asset queue here), then
--   requires a live asset, created_by = its owner and version_number = its current version + 1
--   (else SQLSTATE 55000, naming the expected number), and sets the asset's version, arweave_id
--   and content_hash to the new version's: the asset row always points at its latest version.
--   Of two concurrent inserts of the same next version one fails here (or on
--   versions_asset_id_version_number_key).
--   SECURITY DEFINER (owner chain_owner has SELECT/UPDATE policies on memory.assets): the backend
--   needs no UPDATE right on those columns. search_path pinned.
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

CREATE FUNCTION memory.apply_version()
RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_asset record;
BEGIN
    SELECT a.owner_address, a.version, a.burned_at INTO v_asset
      FROM memory.assets AS a WHERE a.asset_id = NEW.asset_id FOR UPDATE;
    IF NOT FOUND THEN
        RETURN NEW;  -- the foreign key reports the missing asset
    END IF;
    IF v_asset.burned_at IS NOT NULL THEN
        RAISE EXCEPTION 'memory.versions: asset % is burned; no new versions', NEW.asset_id
            USING ERRCODE = 'object_not_in_prerequisite_state';
    END IF;
    IF NEW.created_by IS DISTINCT FROM v_asset.owner_address THEN
        RAISE EXCEPTION 'memory.versions: only the owner of asset % makes new versions, not %', NEW.asset_id, NEW.created_by
            USING ERRCODE = 'object_not_in_prerequisite_state';
    END IF;
    IF NEW.version_number IS DISTINCT FROM v_asset.version + 1 THEN
        RAISE EXCEPTION 'memory.versions: asset % is at version %; the next version is %, not %',
                        NEW.asset_id, v_asset.version, v_asset.version + 1, NEW.version_number
            USING ERRCODE = 'object_not_in_prerequisite_state';
    END IF;
    UPDATE memory.assets AS a
       SET version = NEW.version_number, arweave_id = NEW.arweave_id, content_hash = NEW.content_hash
     WHERE a.asset_id = NEW.asset_id;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION memory.apply_version() IS
    'Trigger: locks the asset, requires version_number = current + 1 by its owner on a live asset (55000), then sets the asset''s version, arweave_id and content_hash.';
REVOKE ALL ON FUNCTION memory.apply_version() FROM PUBLIC;
