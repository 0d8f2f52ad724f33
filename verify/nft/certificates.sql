-- Verify chaindb:nft/certificates on pg

SELECT id, token_id, product_id, owner_id, certificate_type, metadata_uri, is_valid, minted_at, transferred_at,
       contract_address, tx_hash, block_number, updated_at
  FROM nft.certificates WHERE FALSE;
SELECT 'ownership'::nft.certificate_type;
SELECT 1 / (relrowsecurity AND relforcerowsecurity)::int FROM pg_catalog.pg_class WHERE oid = 'nft.certificates'::regclass;
SELECT 1 / (pg_catalog.count(*) = 7)::int FROM pg_catalog.pg_policy WHERE polrelid = 'nft.certificates'::regclass;
