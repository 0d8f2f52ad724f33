-- Revert chaindb:memory/user_statistics from pg

BEGIN;

DROP VIEW memory.user_statistics;

COMMIT;
