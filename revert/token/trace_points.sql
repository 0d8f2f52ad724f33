-- Revert chaindb:token/trace_points from pg

BEGIN;

DROP TABLE token.trace_points;

COMMIT;
