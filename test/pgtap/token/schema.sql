-- pgTAP: token/schema — the schema, its owner, who may use it, what new tables inherit.
BEGIN;
SELECT plan(9);

SELECT * FROM tests.schema_conventions('token');

SELECT * FROM finish();
ROLLBACK;
