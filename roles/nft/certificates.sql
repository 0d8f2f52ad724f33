-- roles/nft/certificates.sql — privileges and RLS of nft.certificates.
--   chain_user and chain_readonly: read every certificate (verifiable by anyone); chain_app
--   (mints, transfers, invalidates from chain events): everything; chain_owner: reads
--   (nft.redeem_certificate_code checks validity).
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SELECT core.enable_backend_access('nft.certificates');  -- RLS forced; chain_app DML, chain_readonly and chain_owner SELECT policies

GRANT SELECT ON nft.certificates TO chain_user;
CREATE POLICY certificates_select_all ON nft.certificates FOR SELECT TO chain_user USING (true);
COMMENT ON POLICY certificates_select_all ON nft.certificates IS 'Certificates are verifiable: an end user reads every certificate.';

