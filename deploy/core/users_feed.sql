-- Deploy chaindb:core/users_feed to pg
-- requires: core/users
-- requires: core/notify_change
-- requires: audit/capture

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SET LOCAL ROLE chain_owner;

-- caches invalidate when a user's reputation (or anything else of the user) changes; users are
-- critical: audited. core/users precedes the change-feed and audit machinery in the plan, so
-- both are switched on here.
SELECT core.enable_notify('core.users');
SELECT audit.enable_tracking('core.users');

COMMIT;
