-- roles/nft/certificate_codes.sql — privileges and RLS of nft.certificate_codes.
--   Codes only through nft.add_certificate_code() and nft.redeem_certificate_code() (definer,
--   chain_owner). chain_user: nothing; chain_app and chain_readonly: read everything but the hash
--   (column privileges; which codes are used, by whom), write nothing directly.
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SELECT core.enable_backend_access('nft.certificate_codes');  -- RLS forced; chain_app DML, chain_readonly and chain_owner SELECT policies

REVOKE ALL ON nft.certificate_codes FROM chain_app, chain_readonly;
DROP POLICY certificate_codes_insert_app ON nft.certificate_codes;
DROP POLICY certificate_codes_update_app ON nft.certificate_codes;
DROP POLICY certificate_codes_delete_app ON nft.certificate_codes;
GRANT SELECT (id, certificate_id, is_used, used_at, used_by, created_at, expires_at) ON nft.certificate_codes
    TO chain_app, chain_readonly;

CREATE POLICY certificate_codes_insert_owner ON nft.certificate_codes FOR INSERT TO chain_owner WITH CHECK (true);
CREATE POLICY certificate_codes_update_owner ON nft.certificate_codes FOR UPDATE TO chain_owner USING (true) WITH CHECK (true);
COMMENT ON POLICY certificate_codes_insert_owner ON nft.certificate_codes IS 'nft.add_certificate_code (definer) issues codes.';
COMMENT ON POLICY certificate_codes_update_owner ON nft.certificate_codes IS 'nft.redeem_certificate_code (definer) marks a code used.';
