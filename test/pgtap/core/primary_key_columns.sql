-- pgTAP: core/primary_key_columns — core.primary_key_columns(regclass).
BEGIN;
SELECT plan(7);

SELECT has_function('core', 'primary_key_columns', ARRAY['regclass'], 'core.primary_key_columns(): exists');
SELECT function_returns('core', 'primary_key_columns', ARRAY['regclass'], 'text[]', 'core.primary_key_columns(): returns text[]');
SELECT volatility_is('core', 'primary_key_columns', ARRAY['regclass'], 'stable', 'core.primary_key_columns(): stable');
SELECT function_privs_are('core', 'primary_key_columns', ARRAY['regclass'], 'public', ARRAY[]::text[],
                          'core.primary_key_columns(): PUBLIC cannot execute');

CREATE TEMP TABLE pk_two (b int, a int, v text, PRIMARY KEY (b, a));
CREATE TEMP TABLE pk_none (v text);
SELECT is(core.primary_key_columns('core.users'), ARRAY['id'], 'core.primary_key_columns(): core.users has id');
SELECT is(core.primary_key_columns('pk_two'), ARRAY['b', 'a'], 'core.primary_key_columns(): key order, not column order');
SELECT is(core.primary_key_columns('pk_none'), NULL, 'core.primary_key_columns(): NULL without a primary key');

SELECT * FROM finish();
ROLLBACK;
