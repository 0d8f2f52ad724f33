-- pgTAP: memory/schema — the schema, its owner, who may use it, what new tables inherit.
BEGIN;
SELECT plan(10);

SELECT * FROM tests.schema_conventions('memory');
SELECT table_privs_are('memory', 'tmp_default_privs', 'chain_readonly', ARRAY[]::text[],
                       'memory: new tables give chain_readonly nothing (granted per table, by columns where secrets live)');

SELECT * FROM finish();
ROLLBACK;
