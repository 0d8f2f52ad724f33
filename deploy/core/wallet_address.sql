-- Deploy chaindb:core/wallet_address to pg
-- requires: core/schema

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SET LOCAL ROLE chain_owner;

-- Stored forms only: EVM is lower-case (normalise with core.normalize_wallet), base58 is
-- case-sensitive by nature, bech32 is lower-case.
CREATE DOMAIN core.wallet_address AS text
    CONSTRAINT wallet_address_format CHECK (
           VALUE ~ '^0x[0-9a-f]{40}$'                            -- EVM (Ethereum, Polygon, …)
        OR VALUE ~ '^[13][1-9A-HJ-NP-Za-km-z]{24,33}$'           -- Bitcoin base58 P2PKH / P2SH
        OR VALUE ~ '^[1-9A-HJ-NP-Za-km-z]{32,44}$'               -- Solana base58 public key
        OR VALUE ~ '^bc1[02-9ac-hj-np-z]{11,71}$'                -- Bitcoin bech32 / bech32m
    );
COMMENT ON DOMAIN core.wallet_address IS
    'A wallet address in stored form: EVM 0x + 40 lower-case hex, Bitcoin base58 (25-34 chars, 1/3…) or bech32 (bc1…, lower-case), Solana base58 (32-44 chars). Normalise input with core.normalize_wallet().';

\ir ../../functions/core/wallet_address.sql

COMMIT;
