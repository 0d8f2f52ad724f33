-- Deploy chaindb:nft/certificate_codes to pg
-- requires: nft/certificates
-- requires: core/current_user

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SET LOCAL ROLE chain_owner;

CREATE TABLE nft.certificate_codes (
    id                      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    certificate_id          bigint NOT NULL REFERENCES nft.certificates (id) ON DELETE CASCADE,
    verification_code_hash  bytea NOT NULL UNIQUE CHECK (pg_catalog.octet_length(verification_code_hash) = 32),
    is_used                 boolean NOT NULL DEFAULT false,
    used_at                 timestamptz,
    used_by                 bigint REFERENCES core.users (id),
    created_at              timestamptz NOT NULL DEFAULT pg_catalog.now(),
    expires_at              timestamptz,
    CONSTRAINT certificate_codes_use_consistent CHECK (is_used = (used_at IS NOT NULL)
                                                       AND (used_by IS NULL OR is_used)),
    CONSTRAINT certificate_codes_expiry_after_creation CHECK (expires_at > created_at)
);
CREATE INDEX certificate_codes_unused_certificate_idx ON nft.certificate_codes (certificate_id) WHERE NOT is_used;
CREATE INDEX certificate_codes_certificate_id_idx ON nft.certificate_codes (certificate_id);
CREATE INDEX certificate_codes_used_by_idx ON nft.certificate_codes (used_by);

COMMENT ON TABLE nft.certificate_codes IS 'Seed certificate_codes: single-use verification codes of a certificate, stored only as sha256 hashes (D-T13). Written only through nft.add_certificate_code() and nft.redeem_certificate_code() (atomic single use); no role reads or writes it directly except reporting without the hash. Pure child of the certificate (CASCADE).';
COMMENT ON COLUMN nft.certificate_codes.id IS 'Identity.';
COMMENT ON COLUMN nft.certificate_codes.certificate_id IS 'The certificate it verifies (CASCADE).';
COMMENT ON COLUMN nft.certificate_codes.verification_code_hash IS 'The seed''s verification_code, stored hashed: sha256(convert_to(code, ''UTF8'')), 32 bytes; unique (T-L11). The code itself is never stored.';
COMMENT ON COLUMN nft.certificate_codes.is_used IS 'Redeemed yet; used_at is set exactly then.';
COMMENT ON COLUMN nft.certificate_codes.used_at IS 'When it was redeemed.';
COMMENT ON COLUMN nft.certificate_codes.used_by IS 'Who redeemed it (core.current_user_id() of the redeemer; NULL for a backend redemption without a user).';
COMMENT ON COLUMN nft.certificate_codes.created_at IS 'When it was issued.';
COMMENT ON COLUMN nft.certificate_codes.expires_at IS 'After this it cannot be redeemed; NULL: never expires.';
COMMENT ON CONSTRAINT certificate_codes_use_consistent ON nft.certificate_codes IS 'used_at is set exactly when is_used; used_by only on a used code.';
COMMENT ON CONSTRAINT certificate_codes_expiry_after_creation ON nft.certificate_codes IS 'An expiry lies after issue.';
COMMENT ON INDEX nft.certificate_codes_unused_certificate_idx IS 'Partial: a certificate''s unused codes (seed used-status index).';
COMMENT ON INDEX nft.certificate_codes_certificate_id_idx IS 'Codes of a certificate (FK; cascade delete).';
COMMENT ON INDEX nft.certificate_codes_used_by_idx IS 'FK to core.users (used_by).';

\ir ../../functions/nft/certificate_codes.sql

\ir ../../roles/nft/certificate_codes.sql

COMMIT;
