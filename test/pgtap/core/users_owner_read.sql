-- pgTAP: core/users_owner_read — chain_owner reads core.users (definer functions, matviews), nothing more.
BEGIN;
SELECT plan(6);

SELECT policy_cmd_is('core', 'users', 'users_select_owner'::name, 'select', 'core.users.users_select_owner: FOR select');
SELECT policy_roles_are('core', 'users', 'users_select_owner', ARRAY['chain_owner']::name[], 'core.users.users_select_owner: TO chain_owner');
SELECT ok(pg_catalog.obj_description((SELECT oid FROM pg_catalog.pg_policy WHERE polname = 'users_select_owner'), 'pg_policy') IS NOT NULL,
          'core.users.users_select_owner: has a comment');

INSERT INTO core.users (id, wallet_address, email) OVERRIDING SYSTEM VALUE VALUES
    (1, '0x1111111111111111111111111111111111111111', 'a@example.com'), (2, '0x2222222222222222222222222222222222222222', NULL);
SELECT tests.act_as_role('chain_owner');
SELECT is((SELECT pg_catalog.count(*)::int FROM core.users), 2, 'core.users.users_select_owner: chain_owner reads every user');
SELECT results_eq($$WITH d AS (DELETE FROM core.users RETURNING 1) SELECT pg_catalog.count(*)::int FROM d$$, ARRAY[0],
                  'core.users.users_select_owner: chain_owner deletes nothing (no write policy)');
SELECT tests.act_as(2);
SELECT is((SELECT pg_catalog.count(*)::int FROM core.users), 1, 'core.users.users_select_owner: end users still see only their own row');
SELECT tests.reset_role();

SELECT * FROM finish();
ROLLBACK;
