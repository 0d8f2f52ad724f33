-- pgTAP: auth/schema — the schema, its owner, who may use it, what new tables inherit (no
-- default SELECT for chain_readonly: auth tables hold secrets and grant column by column).
BEGIN;
SELECT plan(12);

SELECT * FROM tests.schema_conventions('auth');
SELECT table_privs_are('auth', 'tmp_default_privs', 'chain_readonly', ARRAY[]::text[],
                       'auth: new tables give chain_readonly nothing (secrets are granted column by column)');
SELECT schema_privs_are('auth', 'chain_analytics', ARRAY[]::text[], 'auth: chain_analytics has nothing');
SELECT schema_privs_are('auth', 'chain_auditor', ARRAY[]::text[], 'auth: chain_auditor has nothing');

SELECT * FROM finish();
ROLLBACK;
