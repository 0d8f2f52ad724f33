-- pgTAP: core/set_updated_at — the trigger function core.set_updated_at().
BEGIN;
SELECT plan(8);

SELECT has_function('core', 'set_updated_at', ARRAY[]::text[], 'core.set_updated_at(): exists');
SELECT function_returns('core', 'set_updated_at', ARRAY[]::text[], 'trigger', 'core.set_updated_at(): returns trigger');
SELECT function_lang_is('core', 'set_updated_at', ARRAY[]::text[], 'plpgsql', 'core.set_updated_at(): plpgsql');
SELECT isnt_definer('core', 'set_updated_at', ARRAY[]::text[], 'core.set_updated_at(): security invoker');
SELECT function_privs_are('core', 'set_updated_at', ARRAY[]::text[], 'public', ARRAY[]::text[],
                          'core.set_updated_at(): PUBLIC cannot execute');

-- behaviour on a scratch table
CREATE TEMP TABLE stamped (id int PRIMARY KEY, v text, updated_at timestamptz NOT NULL DEFAULT '2000-01-01');
CREATE TRIGGER stamped_set_updated_at BEFORE UPDATE ON stamped
    FOR EACH ROW WHEN (OLD IS DISTINCT FROM NEW) EXECUTE FUNCTION core.set_updated_at();
INSERT INTO stamped (id, v) VALUES (1, 'a');
SELECT is((SELECT updated_at FROM stamped WHERE id = 1), '2000-01-01'::timestamptz, 'core.set_updated_at(): not fired on insert');
UPDATE stamped SET v = 'b' WHERE id = 1;
SELECT is((SELECT updated_at FROM stamped WHERE id = 1), pg_catalog.now(), 'core.set_updated_at(): sets now() on update');
INSERT INTO stamped (id, v) VALUES (2, 'b');
UPDATE stamped SET v = 'b' WHERE id = 2;
SELECT is((SELECT updated_at FROM stamped WHERE id = 2), '2000-01-01'::timestamptz,
          'core.set_updated_at(): a no-op update (WHEN guard) keeps the stamp');

SELECT * FROM finish();
ROLLBACK;
