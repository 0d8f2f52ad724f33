-- pgTAP: core/notify_change — core.notify_change(), core.enable_notify(), core.disable_notify().
-- (Receiving the payload needs a second connection: test/python covers LISTEN.)
BEGIN;
SELECT plan(21);

SELECT has_function('core', 'notify_change', ARRAY[]::text[], 'core.notify_change(): exists');
SELECT function_returns('core', 'notify_change', ARRAY[]::text[], 'trigger', 'core.notify_change(): returns trigger');
SELECT isnt_definer('core', 'notify_change', ARRAY[]::text[], 'core.notify_change(): security invoker');
SELECT matches(pg_catalog.obj_description('core.notify_change()'::regprocedure, 'pg_proc'), 'chaindb_changes',
               'core.notify_change(): its comment documents the channel');
SELECT has_function('core', 'enable_notify', ARRAY['regclass'], 'core.enable_notify(): exists');
SELECT has_function('core', 'disable_notify', ARRAY['regclass'], 'core.disable_notify(): exists');
SELECT function_privs_are('core', f, ARRAY[a], 'public', ARRAY[]::text[], 'core.' || f || '(): PUBLIC cannot execute')
  FROM (VALUES ('notify_change', NULL), ('enable_notify', 'regclass'), ('disable_notify', 'regclass')) AS v (f, a)
 WHERE a IS NOT NULL;
SELECT function_privs_are('core', 'notify_change', ARRAY[]::text[], 'public', ARRAY[]::text[],
                          'core.notify_change(): PUBLIC cannot execute');
SELECT function_privs_are('core', 'enable_notify', ARRAY['regclass'], 'chain_app', ARRAY[]::text[],
                          'core.enable_notify(): chain_app cannot execute');

CREATE TABLE core.tmp_feed (id int PRIMARY KEY, v text);
CREATE TABLE core.tmp_nopk (v text);
SELECT lives_ok($$SELECT core.enable_notify('core.tmp_feed')$$, 'core.enable_notify(): enables a table');
SELECT lives_ok($$SELECT core.enable_notify('core.tmp_feed')$$, 'core.enable_notify(): idempotent');
SELECT triggers_are('core', 'tmp_feed', ARRAY['notify_change', 'notify_change_truncate'],
                    'core.enable_notify(): creates notify_change and notify_change_truncate');
SELECT trigger_is('core', 'tmp_feed', 'notify_change', 'core', 'notify_change',
                  'core.enable_notify(): notify_change calls core.notify_change()');
SELECT is((SELECT pg_catalog.encode(tgargs, 'escape') FROM pg_catalog.pg_trigger
            WHERE tgrelid = 'core.tmp_feed'::regclass AND tgname = 'notify_change'),
          'id\000', 'core.enable_notify(): passes the key columns as trigger arguments');
SELECT lives_ok($$INSERT INTO core.tmp_feed VALUES (1, 'a'); UPDATE core.tmp_feed SET v = 'b'; DELETE FROM core.tmp_feed$$,
                'core.notify_change(): fires on insert, update, delete');
SELECT lives_ok($$TRUNCATE core.tmp_feed$$, 'core.notify_change(): fires on truncate');
SELECT throws_ok($$SELECT core.enable_notify('core.tmp_nopk')$$, '55000', NULL,
                 'core.enable_notify(): refuses a table without primary key');
SELECT lives_ok($$SELECT core.disable_notify('core.tmp_feed')$$, 'core.disable_notify(): disables');
SELECT lives_ok($$SELECT core.disable_notify('core.tmp_feed')$$, 'core.disable_notify(): idempotent');
SELECT is_empty($$SELECT 1 FROM pg_catalog.pg_trigger WHERE tgrelid = 'core.tmp_feed'::regclass$$,
                'core.disable_notify(): no trigger left');

SELECT * FROM finish();
ROLLBACK;
