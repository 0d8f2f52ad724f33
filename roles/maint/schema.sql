-- roles/maint/schema.sql — schema maint is owner-only: its functions create and drop tables
-- (SECURITY DEFINER, owned by chain_owner). Run them as chain_owner or a superuser (pg_cron);
-- no chain_* login role gets USAGE, so no end user can reach them.

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write
REVOKE ALL ON SCHEMA maint FROM PUBLIC;
