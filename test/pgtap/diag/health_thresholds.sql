-- pgTAP: diag/health_thresholds — the levels diag.health() grades its checks by; chain_monitor edits them.
BEGIN;
SELECT plan(46);

-- structure
SELECT has_table('diag', 'health_thresholds', 'diag.health_thresholds: exists');
SELECT table_owner_is('diag', 'health_thresholds', 'chain_owner', 'diag.health_thresholds: owned by chain_owner');
SELECT ok(pg_catalog.obj_description('diag.health_thresholds'::regclass, 'pg_class') IS NOT NULL, 'diag.health_thresholds: has a comment');
SELECT columns_are('diag', 'health_thresholds', ARRAY['check_name', 'direction', 'warning', 'critical', 'unit', 'enabled', 'description', 'updated_at'],
                   'diag.health_thresholds: exactly these columns');
SELECT col_type_is('diag', 'health_thresholds', c, ty, 'diag.health_thresholds.' || c || ': ' || ty)
  FROM (VALUES ('check_name', 'text'), ('direction', 'text'), ('warning', 'numeric'), ('critical', 'numeric'), ('unit', 'text'),
               ('enabled', 'boolean'), ('description', 'text'), ('updated_at', 'timestamp with time zone')) AS v (c, ty);
SELECT col_not_null('diag', 'health_thresholds', c, 'diag.health_thresholds.' || c || ': not null')
  FROM pg_catalog.unnest(ARRAY['check_name', 'direction', 'unit', 'enabled', 'description', 'updated_at']::name[]) AS c;
SELECT set_eq($$SELECT conname::text FROM pg_catalog.pg_constraint WHERE conrelid = 'diag.health_thresholds'::regclass$$,
              ARRAY['health_thresholds_pkey', 'health_thresholds_check_name_check', 'health_thresholds_direction_check',
                    'health_thresholds_unit_check', 'health_thresholds_description_check', 'health_thresholds_order_check'],
              'diag.health_thresholds: constraints health_thresholds_pkey, health_thresholds_check_name_check, health_thresholds_direction_check, health_thresholds_unit_check, health_thresholds_description_check, health_thresholds_order_check');
SELECT indexes_are('diag', 'health_thresholds', ARRAY['health_thresholds_pkey']::name[], 'diag.health_thresholds: indexes health_thresholds_pkey');
SELECT trigger_is('diag', 'health_thresholds', 'health_thresholds_set_updated_at', 'core', 'set_updated_at',
                  'diag.health_thresholds.health_thresholds_set_updated_at: calls core.set_updated_at()');
SELECT table_privs_are('diag', 'health_thresholds', 'chain_monitor', ARRAY['SELECT'], 'diag.health_thresholds: chain_monitor has SELECT');
SELECT ok(pg_catalog.has_column_privilege('chain_monitor', 'diag.health_thresholds', c, 'UPDATE') = (c IN ('warning', 'critical', 'enabled')),
          'diag.health_thresholds.' || c || ': chain_monitor ' || CASE WHEN c IN ('warning', 'critical', 'enabled') THEN 'may' ELSE 'may not' END || ' update it')
  FROM pg_catalog.unnest(ARRAY['check_name', 'direction', 'warning', 'critical', 'unit', 'enabled', 'description']) AS c;
SELECT table_privs_are('diag', 'health_thresholds', 'chain_readonly', ARRAY[]::text[], 'diag.health_thresholds: chain_readonly has nothing');

-- content: one row per check of diag.health(), in its order
SELECT set_eq($$SELECT check_name FROM diag.health_thresholds$$, $$SELECT check_name FROM diag.health()$$,
              'diag.health_thresholds: one row per check diag.health() reports');
SELECT is((SELECT warning FROM diag.health_thresholds WHERE check_name = 'connections'), 90::numeric,
          'diag.health_thresholds: connections warn above 90 % (check_postgres backends)');

-- constraints reject
SELECT throws_ok($$INSERT INTO diag.health_thresholds (check_name, direction, unit, description) VALUES ('Bad Name', 'above', 'x', 'd')$$,
                 '23514', NULL, 'diag.health_thresholds.health_thresholds_check_name_check: rejects a name that is not lower-case snake');
SELECT throws_ok($$INSERT INTO diag.health_thresholds (check_name, direction, unit, description) VALUES ('x', 'sideways', 'x', 'd')$$,
                 '23514', NULL, 'diag.health_thresholds.health_thresholds_direction_check: rejects a direction other than above/below');
SELECT throws_ok($$INSERT INTO diag.health_thresholds (check_name, direction, unit, description) VALUES ('x', 'above', '', 'd')$$,
                 '23514', NULL, 'diag.health_thresholds.health_thresholds_unit_check: rejects an empty unit');
SELECT throws_ok($$INSERT INTO diag.health_thresholds (check_name, direction, unit, description) VALUES ('x', 'above', 'x', '')$$,
                 '23514', NULL, 'diag.health_thresholds.health_thresholds_description_check: rejects an empty description');
SELECT throws_ok($$UPDATE diag.health_thresholds SET warning = 99, critical = 50 WHERE check_name = 'connections'$$,
                 '23514', NULL, 'diag.health_thresholds.health_thresholds_order_check: above: critical below warning is rejected');
SELECT throws_ok($$UPDATE diag.health_thresholds SET warning = 0.9, critical = 0.99 WHERE check_name = 'cache_hit_ratio'$$,
                 '23514', NULL, 'diag.health_thresholds.health_thresholds_order_check: below: critical above warning is rejected');
SELECT throws_ok($$INSERT INTO diag.health_thresholds (check_name, direction, unit, description) VALUES ('connections', 'above', 'x', 'd')$$,
                 '23505', NULL, 'diag.health_thresholds.health_thresholds_pkey: one row per check');
SELECT lives_ok($$UPDATE diag.health_thresholds SET critical = NULL WHERE check_name = 'connections'$$,
                'diag.health_thresholds.critical: NULL (never critical) is allowed');

-- an operator (chain_monitor) edits the levels and switches a check off; nothing else
UPDATE diag.health_thresholds SET updated_at = '2000-01-01' WHERE check_name = 'connections';
SELECT tests.act_as_role('chain_monitor');
SELECT lives_ok($$UPDATE diag.health_thresholds SET warning = 50, critical = 80, enabled = false WHERE check_name = 'connections'$$,
                'diag.health_thresholds: chain_monitor changes warning, critical and enabled');
SELECT throws_ok($$UPDATE diag.health_thresholds SET direction = 'below' WHERE check_name = 'connections'$$, '42501', NULL,
                 'diag.health_thresholds.direction: chain_monitor cannot change it');
SELECT throws_ok($$INSERT INTO diag.health_thresholds (check_name, direction, unit, description) VALUES ('x', 'above', 'x', 'd')$$, '42501', NULL,
                 'diag.health_thresholds: chain_monitor cannot add a row');
SELECT throws_ok($$DELETE FROM diag.health_thresholds$$, '42501', NULL, 'diag.health_thresholds: chain_monitor cannot delete rows');
SELECT tests.reset_role();
SELECT ok((SELECT updated_at > '2000-01-01' FROM diag.health_thresholds WHERE check_name = 'connections'),
          'diag.health_thresholds.updated_at: maintained by health_thresholds_set_updated_at');
SELECT tests.act_as_role('chain_readonly');
SELECT throws_ok($$SELECT * FROM diag.health_thresholds$$, '42501', NULL, 'diag.health_thresholds: chain_readonly cannot read it');
SELECT tests.reset_role();

SELECT * FROM finish();
ROLLBACK;
