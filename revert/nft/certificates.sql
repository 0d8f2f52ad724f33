-- Revert chaindb:nft/certificates from pg

BEGIN;

SELECT audit.disable_tracking('nft.certificates');
DROP TABLE nft.certificates;
DROP TYPE nft.certificate_type;

COMMIT;
