-- roles/nft/certificates.sql — privileges and RLS of nft.certificates.
--   chain_user and chain_readonly: read every certificate (verifiable by anyone); chain_app
--   (mints, transfers, invalidates from chain events): everything; chain_owner: reads
--   (nft.redeem_certificate_code checks validity).
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

-- chain_owner's read policy (owner read access: core.enable_backend_access creates the same
-- certificates_select_owner once issue 11's version does; created first here, the helper skips it)
CREATE POLICY certificates_select_owner ON nft.certificates FOR SELECT TO chain_owner USING (true);
COMMENT ON POLICY certificates_select_owner ON nft.certificates IS 'nft.add_certificate_code and nft.redeem_certificate_code (definer) check the certificate.';
SELECT core.enable_backend_access('nft.certificates');  -- RLS forced; chain_app DML and chain_readonly SELECT policies

GRANT SELECT ON nft.certificates TO chain_user;
CREATE POLICY certificates_select_all ON nft.certificates FOR SELECT TO chain_user USING (true);
COMMENT ON POLICY certificates_select_all ON nft.certificates IS 'Certificates are verifiable: an end user reads every certificate.';

