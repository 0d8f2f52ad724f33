-- Verify chaindb:nft/certificate_codes on pg

SELECT id, certificate_id, verification_code_hash, is_used, used_at, used_by, created_at, expires_at
  FROM nft.certificate_codes WHERE FALSE;
SELECT 1 / (relrowsecurity AND relforcerowsecurity)::int FROM pg_catalog.pg_class WHERE oid = 'nft.certificate_codes'::regclass;
SELECT 1 / (pg_catalog.count(*) = 5)::int FROM pg_catalog.pg_policy WHERE polrelid = 'nft.certificate_codes'::regclass;
SELECT 1 / (NOT pg_catalog.has_column_privilege('chain_readonly', 'nft.certificate_codes', 'verification_code_hash', 'SELECT'))::int;
SELECT 'nft.add_certificate_code(bigint, text, timestamptz)'::regprocedure, 'nft.redeem_certificate_code(text)'::regprocedure;
