-- pgTAP: education/schema — the schema, its owner, who may use it, what new tables inherit.
BEGIN;
SELECT plan(10);

SELECT * FROM tests.schema_conventions('education');
SELECT table_privs_are('education', 'tmp_default_privs', 'chain_readonly', ARRAY['SELECT'],
                       'education: new tables give chain_readonly SELECT (default privileges)');

SELECT * FROM finish();
ROLLBACK;
