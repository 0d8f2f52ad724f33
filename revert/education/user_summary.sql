-- Revert chaindb:education/user_summary from pg

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

DROP VIEW education.user_summary;

COMMIT;
