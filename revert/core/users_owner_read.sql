-- Revert chaindb:core/users_owner_read from pg

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

-- only the policy this change created (its comment ends with "(core/users_owner_read)")
DO $$
BEGIN
    IF (SELECT pg_catalog.obj_description(p.oid, 'pg_policy') FROM pg_catalog.pg_policy AS p
         WHERE p.polrelid = 'core.users'::regclass AND p.polname = 'users_select_owner') LIKE '%(core/users\_owner\_read)' THEN
        DROP POLICY users_select_owner ON core.users;
    END IF;
END
$$;

COMMIT;
