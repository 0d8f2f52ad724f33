-- Revert chaindb:nft/schema from pg

BEGIN;

-- the default privileges IN SCHEMA nft depend on the schema and go with it
DROP SCHEMA nft;

COMMIT;
