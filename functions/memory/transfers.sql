-- memory.apply_transfer() → trigger (BEFORE INSERT ON memory.transfers, row)
--   In the inserting transaction: locks the asset row (FOR UPDATE: transfers of one asset queue
--   here), rejects the transfer with SQLSTATE 55000 unless the asset is live and from_address is
--   its owner at that moment, sets the asset's owner_address to to_address, revokes every live
--   grant the old owner gave on it (decision D-M6: revoked_by = the old owner) and appends an
--   'asset.transfer' entry to memory.audit_logs (details: to, transfer_id, revoked_grant_ids).
--   Any failure undoes all of it with the INSERT.
--   SECURITY DEFINER (owner chain_owner, which has the policies it needs on assets,
--   access_grants and audit_logs), so the backend and memory.transfer_asset() move ownership
--   without UPDATE rights on memory.assets.owner_address. search_path pinned.
--
-- memory.transfer_asset(p_asset_id text, p_to core.wallet_address, p_signature text) → bigint
--   The caller's wallet (core.current_wallet(); the backend sets app.wallet / the JWT claim too)
--   gives its asset to p_to, recorded with the Solana transaction signature; returns the transfer
--   id. Locks the asset first, so of two concurrent transfers of one asset the second waits, then
--   finds the asset no longer its caller's and fails with 42501 "does not own asset": exactly one
--   wins and the history holds one transfer. Errors: no wallet in the request or not the owner →
--   42501; unknown asset → P0002; burned asset or p_to = the owner → 55000 / 22023; a replayed
--   signature → 23505 (transfers_transaction_signature_asset_id_key).
--   SECURITY DEFINER, search_path pinned. EXECUTE: chain_app, chain_user.
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

CREATE FUNCTION memory.apply_transfer()
RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_owner   core.wallet_address;
    v_burned  timestamptz;
    v_revoked bigint[];
BEGIN
    SELECT a.owner_address, a.burned_at INTO v_owner, v_burned
      FROM memory.assets AS a WHERE a.asset_id = NEW.asset_id FOR UPDATE;
    IF NOT FOUND THEN
        RETURN NEW;  -- the foreign key reports the missing asset
    END IF;
    IF v_burned IS NOT NULL THEN
        RAISE EXCEPTION 'memory.transfers: asset % is burned and cannot be transferred', NEW.asset_id
            USING ERRCODE = 'object_not_in_prerequisite_state';
    END IF;
    IF NEW.from_address IS DISTINCT FROM v_owner THEN
        RAISE EXCEPTION 'memory.transfers: asset % is not owned by % (a transfer must come from the current owner)',
                        NEW.asset_id, NEW.from_address
            USING ERRCODE = 'object_not_in_prerequisite_state';
    END IF;
    UPDATE memory.assets AS a SET owner_address = NEW.to_address WHERE a.asset_id = NEW.asset_id;
    WITH revoked AS (
        UPDATE memory.access_grants AS g
           SET revoked_at = pg_catalog.now(), revoked_by = v_owner
         WHERE g.asset_id = NEW.asset_id AND g.grantor_address = v_owner AND g.revoked_at IS NULL
        RETURNING g.id)
    SELECT COALESCE(pg_catalog.array_agg(r.id ORDER BY r.id), '{}') INTO v_revoked FROM revoked AS r;
    INSERT INTO memory.audit_logs (wallet_address, action, asset_id, transaction_signature, details)
    VALUES (v_owner, 'asset.transfer', NEW.asset_id, NEW.transaction_signature,
            pg_catalog.jsonb_build_object('to', NEW.to_address, 'transfer_id', NEW.id,
                                          'revoked_grant_ids', pg_catalog.to_jsonb(v_revoked)));
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION memory.apply_transfer() IS
    'Trigger: locks the asset, checks the sender owns it and it is live (55000), moves ownership, revokes the old owner''s live grants, logs asset.transfer in memory.audit_logs.';
REVOKE ALL ON FUNCTION memory.apply_transfer() FROM PUBLIC;

CREATE FUNCTION memory.transfer_asset(p_asset_id text, p_to core.wallet_address, p_signature text)
RETURNS bigint
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_caller core.wallet_address := core.current_wallet();
    v_owner  core.wallet_address;
    v_burned timestamptz;
    v_id     bigint;
BEGIN
    IF v_caller IS NULL THEN
        RAISE EXCEPTION 'memory.transfer_asset: no wallet in the request (core.current_wallet() is NULL)'
            USING ERRCODE = 'insufficient_privilege', HINT = 'Set the JWT claim wallet or app.wallet to the owner''s wallet.';
    END IF;
    IF p_to IS NULL THEN
        RAISE EXCEPTION 'memory.transfer_asset: no recipient' USING ERRCODE = 'null_value_not_allowed';
    END IF;
    SELECT a.owner_address, a.burned_at INTO v_owner, v_burned
      FROM memory.assets AS a WHERE a.asset_id = p_asset_id FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'memory.transfer_asset: no asset %', p_asset_id USING ERRCODE = 'no_data_found';
    END IF;
    IF v_owner IS DISTINCT FROM v_caller THEN
        RAISE EXCEPTION 'memory.transfer_asset: wallet % does not own asset %', v_caller, p_asset_id
            USING ERRCODE = 'insufficient_privilege',
                  HINT = 'Only the current owner transfers an asset; a concurrent transfer may have moved it first.';
    END IF;
    IF v_burned IS NOT NULL THEN
        RAISE EXCEPTION 'memory.transfer_asset: asset % is burned and cannot be transferred', p_asset_id
            USING ERRCODE = 'object_not_in_prerequisite_state';
    END IF;
    IF p_to = v_owner THEN
        RAISE EXCEPTION 'memory.transfer_asset: asset % already belongs to %', p_asset_id, p_to
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    INSERT INTO memory.transfers (asset_id, from_address, to_address, transaction_signature)
    VALUES (p_asset_id, v_owner, p_to, p_signature)
    RETURNING id INTO v_id;
    RETURN v_id;
END
$$;
COMMENT ON FUNCTION memory.transfer_asset(text, core.wallet_address, text) IS
    'The caller''s wallet gives its live asset to p_to in one transaction (ownership, transfer row, old owner''s grants revoked, audit entry); returns the transfer id; 42501 when the caller does not own it (of two concurrent transfers exactly one wins).';
REVOKE ALL ON FUNCTION memory.transfer_asset(text, core.wallet_address, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION memory.transfer_asset(text, core.wallet_address, text) TO chain_app, chain_user;
