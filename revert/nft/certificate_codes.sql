-- Revert chaindb:nft/certificate_codes from pg

BEGIN;

DROP FUNCTION nft.redeem_certificate_code(text);
DROP FUNCTION nft.add_certificate_code(bigint, text, timestamptz);
DROP TABLE nft.certificate_codes;

COMMIT;
