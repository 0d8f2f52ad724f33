-- roles/nft/certificates.sql — privileges and RLS of nft.certificates.
--   chain_user and chain_readonly: read every certificate (verifiable by anyone); chain_app
--   (mints, transfers, invalidates from chain events): everything; chain_owner: reads
--   (nft.redeem_certificate_code checks validity).
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

ALTER TABLE nft.certificates ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;

GRANT SELECT ON nft.certificates TO chain_user;
CREATE POLICY certificates_select_all ON nft.certificates FOR SELECT TO chain_user USING (true);
COMMENT ON POLICY certificates_select_all ON nft.certificates IS 'Certificates are verifiable: an end user reads every certificate.';

CREATE POLICY certificates_select_app ON nft.certificates FOR SELECT TO chain_app USING (true);
CREATE POLICY certificates_insert_app ON nft.certificates FOR INSERT TO chain_app WITH CHECK (true);
CREATE POLICY certificates_update_app ON nft.certificates FOR UPDATE TO chain_app USING (true) WITH CHECK (true);
CREATE POLICY certificates_delete_app ON nft.certificates FOR DELETE TO chain_app USING (true);
COMMENT ON POLICY certificates_select_app ON nft.certificates IS 'The backend reads every certificate.';
COMMENT ON POLICY certificates_insert_app ON nft.certificates IS 'The backend records minted certificates.';
COMMENT ON POLICY certificates_update_app ON nft.certificates IS 'The backend records transfers (owner) and invalidations.';
COMMENT ON POLICY certificates_delete_app ON nft.certificates IS 'The backend deletes certificates recorded in error (codes CASCADE).';

CREATE POLICY certificates_select_readonly ON nft.certificates FOR SELECT TO chain_readonly USING (true);
COMMENT ON POLICY certificates_select_readonly ON nft.certificates IS 'Read-only reporting sees every certificate.';
CREATE POLICY certificates_select_owner ON nft.certificates FOR SELECT TO chain_owner USING (true);
COMMENT ON POLICY certificates_select_owner ON nft.certificates IS 'nft.add_certificate_code and nft.redeem_certificate_code (definer) check the certificate.';
