-- roles/nft/certificate_codes.sql — privileges and RLS of nft.certificate_codes.
--   Codes only through nft.add_certificate_code() and nft.redeem_certificate_code() (definer,
--   chain_owner). chain_user: nothing; chain_app: nothing direct (the schema's default DML is
--   revoked); chain_readonly: reads everything but the hash (column privileges).
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

ALTER TABLE nft.certificate_codes ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;

REVOKE ALL ON nft.certificate_codes FROM chain_app, chain_readonly;
GRANT SELECT (id, certificate_id, is_used, used_at, used_by, created_at, expires_at) ON nft.certificate_codes TO chain_readonly;
CREATE POLICY certificate_codes_select_readonly ON nft.certificate_codes FOR SELECT TO chain_readonly USING (true);
COMMENT ON POLICY certificate_codes_select_readonly ON nft.certificate_codes IS 'Read-only reporting sees every code row, without the hash (column privileges).';

CREATE POLICY certificate_codes_select_owner ON nft.certificate_codes FOR SELECT TO chain_owner USING (true);
CREATE POLICY certificate_codes_insert_owner ON nft.certificate_codes FOR INSERT TO chain_owner WITH CHECK (true);
CREATE POLICY certificate_codes_update_owner ON nft.certificate_codes FOR UPDATE TO chain_owner USING (true) WITH CHECK (true);
COMMENT ON POLICY certificate_codes_select_owner ON nft.certificate_codes IS 'nft.redeem_certificate_code (definer) finds the code by hash.';
COMMENT ON POLICY certificate_codes_insert_owner ON nft.certificate_codes IS 'nft.add_certificate_code (definer) issues codes.';
COMMENT ON POLICY certificate_codes_update_owner ON nft.certificate_codes IS 'nft.redeem_certificate_code (definer) marks a code used.';
