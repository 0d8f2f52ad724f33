-- Revert chaindb:token/staking_pools from pg

BEGIN;

DROP TABLE token.staking_pools;

COMMIT;
