-- Revert chaindb:memory/batch_statistics from pg

BEGIN;

DROP VIEW memory.batch_statistics;

COMMIT;
