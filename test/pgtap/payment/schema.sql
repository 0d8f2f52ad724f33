-- pgTAP: payment/schema — the schema, its owner, who may use it, what new tables inherit.
BEGIN;
SELECT plan(9);

SELECT * FROM tests.schema_conventions('payment');

SELECT * FROM finish();
ROLLBACK;
