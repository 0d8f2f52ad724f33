-- Revert chaindb:education/user_summary from pg

BEGIN;

DROP VIEW education.user_summary;

COMMIT;
