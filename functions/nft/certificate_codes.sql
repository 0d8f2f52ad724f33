-- nft.add_certificate_code(p_certificate_id, p_code, p_expires_at DEFAULT NULL) → bigint (code id)
--   Stores only sha256(convert_to(p_code, 'UTF8')) (built-in sha256, no pgcrypto). The code must be
--   8..128 characters (22023 otherwise: short codes are guessable from their unsalted hash); the
--   certificate must exist and be valid (P0002 otherwise); a code already issued raises 23505.
--   For the backend (chain_app), which generates high-entropy codes and hands them out once.
--
-- nft.redeem_certificate_code(p_code) → bigint (the certificate id)
--   Single use, atomic: one UPDATE ... WHERE hash = sha256(code) AND NOT is_used AND not expired
--   AND the certificate is valid ... RETURNING. Two concurrent redemptions of one code: the second
--   waits for the first's row lock, re-checks NOT is_used on the committed row and matches
--   nothing, so exactly one succeeds. Raises P0002 ('code unknown, already used or expired': one
--   message, so it says nothing about which) when nothing matches. used_by is
--   core.current_user_id() of the caller.
--
-- Both SECURITY DEFINER (chain_owner, policies certificate_codes_*_owner): nobody writes the
-- table directly, and nobody but chain_owner reads the hashes.
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

CREATE FUNCTION nft.add_certificate_code(p_certificate_id bigint, p_code text, p_expires_at timestamptz DEFAULT NULL)
RETURNS bigint
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_id bigint;
BEGIN
    IF p_code IS NULL OR pg_catalog.length(p_code) NOT BETWEEN 8 AND 128 THEN
        RAISE EXCEPTION 'nft.add_certificate_code: a code has 8 to 128 characters'
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM nft.certificates AS c WHERE c.id = p_certificate_id AND c.is_valid) THEN
        RAISE EXCEPTION 'nft.add_certificate_code: no valid certificate %', p_certificate_id
            USING ERRCODE = 'no_data_found';
    END IF;
    INSERT INTO nft.certificate_codes (certificate_id, verification_code_hash, expires_at)
    VALUES (p_certificate_id, pg_catalog.sha256(pg_catalog.convert_to(p_code, 'UTF8')), p_expires_at)
    RETURNING id INTO v_id;
    RETURN v_id;
END
$$;
COMMENT ON FUNCTION nft.add_certificate_code(bigint, text, timestamptz) IS
    'Issues a verification code for a valid certificate, storing only its sha256 hash; the code has 8..128 characters (22023), the certificate must be valid (P0002), a duplicate code raises 23505. Returns the code row id.';
REVOKE ALL ON FUNCTION nft.add_certificate_code(bigint, text, timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION nft.add_certificate_code(bigint, text, timestamptz) TO chain_app;

CREATE FUNCTION nft.redeem_certificate_code(p_code text)
RETURNS bigint
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_certificate_id bigint;
BEGIN
    UPDATE nft.certificate_codes AS k
       SET is_used = true, used_at = pg_catalog.now(), used_by = core.current_user_id()
     WHERE k.verification_code_hash = pg_catalog.sha256(pg_catalog.convert_to(COALESCE(p_code, ''), 'UTF8'))
       AND NOT k.is_used
       AND (k.expires_at IS NULL OR k.expires_at > pg_catalog.now())
       AND EXISTS (SELECT 1 FROM nft.certificates AS c WHERE c.id = k.certificate_id AND c.is_valid)
    RETURNING k.certificate_id INTO v_certificate_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'nft.redeem_certificate_code: code unknown, already used or expired'
            USING ERRCODE = 'no_data_found';
    END IF;
    RETURN v_certificate_id;
END
$$;
COMMENT ON FUNCTION nft.redeem_certificate_code(text) IS
    'Redeems a verification code once, atomically (concurrent redemptions: exactly one succeeds); returns the certificate id; raises P0002 when the code is unknown, used, expired or its certificate invalid. Served by certificate_codes_verification_code_hash_key.';
REVOKE ALL ON FUNCTION nft.redeem_certificate_code(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION nft.redeem_certificate_code(text) TO chain_app, chain_user;
