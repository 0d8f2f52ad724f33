-- core.normalize_wallet(p_input text) → core.wallet_address
--   The canonical (stored) form of a wallet address typed in any case: EVM 0x-hex and bech32
--   (bc1…) addresses are lower-cased, base58 addresses (Bitcoin P2PKH/P2SH, Solana) are
--   case-sensitive and kept as given; surrounding blanks are trimmed. NULL in, NULL out.
--   Raises check_violation (23514) when the input is no wallet address in any case.
--   The domain cannot lower-case by itself, so writers pass user input through this function.
--   IMMUTABLE: usable in index expressions and CHECK constraints. Callable by every chain role
--   that writes or looks up users.
CREATE FUNCTION core.normalize_wallet(p_input text)
RETURNS core.wallet_address
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT CAST(
        CASE
            WHEN pg_catalog.btrim(p_input) ~* '^(0x[0-9a-f]{40}|bc1[02-9ac-hj-np-z]{11,71})$'
                THEN pg_catalog.lower(pg_catalog.btrim(p_input))
            ELSE pg_catalog.btrim(p_input)
        END AS core.wallet_address)
$$;
COMMENT ON FUNCTION core.normalize_wallet(text) IS
    'Canonical form of a wallet address: EVM and bech32 lower-cased, base58 unchanged, blanks trimmed; raises 23514 when invalid.';
REVOKE ALL ON FUNCTION core.normalize_wallet(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION core.normalize_wallet(text) TO chain_app, chain_user, chain_readonly, chain_analytics;
