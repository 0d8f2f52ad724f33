-- pgTAP: diag/index_allowlist — indexes diag.unused_indexes() leaves out; chain_monitor curates it.
BEGIN;
SELECT plan(24);

SELECT has_table('diag', 'index_allowlist', 'diag.index_allowlist: exists');
SELECT table_owner_is('diag', 'index_allowlist', 'chain_owner', 'diag.index_allowlist: owned by chain_owner');
SELECT ok(pg_catalog.obj_description('diag.index_allowlist'::regclass, 'pg_class') IS NOT NULL, 'diag.index_allowlist: has a comment');
SELECT columns_are('diag', 'index_allowlist', ARRAY['index_name', 'reason', 'added_at'], 'diag.index_allowlist: exactly these columns');
SELECT col_type_is('diag', 'index_allowlist', c, ty, 'diag.index_allowlist.' || c || ': ' || ty)
  FROM (VALUES ('index_name', 'text'), ('reason', 'text'), ('added_at', 'timestamp with time zone')) AS v (c, ty);
SELECT col_not_null('diag', 'index_allowlist', c, 'diag.index_allowlist.' || c || ': not null')
  FROM pg_catalog.unnest(ARRAY['index_name', 'reason', 'added_at']::name[]) AS c;
SELECT set_eq($$SELECT conname::text FROM pg_catalog.pg_constraint WHERE conrelid = 'diag.index_allowlist'::regclass$$,
              ARRAY['index_allowlist_pkey', 'index_allowlist_index_name_check', 'index_allowlist_reason_check'],
              'diag.index_allowlist: constraints index_allowlist_pkey, index_allowlist_index_name_check, index_allowlist_reason_check');
SELECT indexes_are('diag', 'index_allowlist', ARRAY['index_allowlist_pkey']::name[], 'diag.index_allowlist: indexes index_allowlist_pkey');
SELECT table_privs_are('diag', 'index_allowlist', 'chain_monitor', ARRAY['DELETE', 'INSERT', 'SELECT'],
                       'diag.index_allowlist: chain_monitor reads, adds and removes entries');
SELECT table_privs_are('diag', 'index_allowlist', 'chain_readonly', ARRAY[]::text[], 'diag.index_allowlist: chain_readonly has nothing');

SELECT is((SELECT pg_catalog.array_agg(index_name) FROM diag.index_allowlist), ARRAY['ops.idx_feedback_insight'],
          'diag.index_allowlist: holds the index seed 003 names');
SELECT throws_ok($$INSERT INTO diag.index_allowlist (index_name, reason) VALUES ('no_schema_idx', 'x')$$, '23514', NULL,
                 'diag.index_allowlist.index_allowlist_index_name_check: rejects a name without its schema');
SELECT throws_ok($$INSERT INTO diag.index_allowlist (index_name, reason) VALUES ('Core.Users_IDX', 'x')$$, '23514', NULL,
                 'diag.index_allowlist.index_allowlist_index_name_check: rejects a quoted-case name');
SELECT throws_ok($$INSERT INTO diag.index_allowlist (index_name, reason) VALUES ('core.x_idx', '  ')$$, '23514', NULL,
                 'diag.index_allowlist.index_allowlist_reason_check: rejects an empty reason');

-- behaviour: an unused index, then allow-listed by chain_monitor, then listed again
SET LOCAL ROLE chain_owner;
CREATE TABLE diag.tmp_allow (id int, k int);
CREATE INDEX tmp_allow_k_idx ON diag.tmp_allow (k);
RESET ROLE;
SELECT is((SELECT pg_catalog.count(*)::int FROM diag.unused_indexes(50, 0) WHERE index_name = 'tmp_allow_k_idx'), 1,
          'diag.unused_indexes(): reports the unused index');
SELECT tests.act_as_role('chain_monitor');
SELECT lives_ok($$INSERT INTO diag.index_allowlist (index_name, reason) VALUES ('diag.tmp_allow_k_idx', 'seed lookup, rare on purpose')$$,
                'diag.index_allowlist: chain_monitor adds an entry');
SELECT is((SELECT pg_catalog.count(*)::int FROM diag.unused_indexes(50, 0) WHERE index_name = 'tmp_allow_k_idx'), 0,
          'diag.unused_indexes(): leaves an allow-listed index out');
SELECT lives_ok($$DELETE FROM diag.index_allowlist WHERE index_name = 'diag.tmp_allow_k_idx'$$,
                'diag.index_allowlist: chain_monitor removes an entry');
SELECT throws_ok($$UPDATE diag.index_allowlist SET reason = 'x'$$, '42501', NULL, 'diag.index_allowlist: chain_monitor cannot update entries');
SELECT tests.reset_role();
SELECT is((SELECT pg_catalog.count(*)::int FROM diag.unused_indexes(50, 0) WHERE index_name = 'tmp_allow_k_idx'), 1,
          'diag.unused_indexes(): reports it again once removed from the list');

SELECT * FROM finish();
ROLLBACK;
