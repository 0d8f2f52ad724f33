-- pgTAP: auth — every object of the schema, so an unexpected one fails.
BEGIN;
SELECT plan(5);

SELECT tables_are('auth', ARRAY['sessions'], 'auth: exactly these tables');
SELECT views_are('auth', ARRAY[]::name[], 'auth: no views');
SELECT materialized_views_are('auth', ARRAY[]::name[], 'auth: no materialized views');
SELECT functions_are('auth', ARRAY['revoke_session', 'revoke_all_sessions', 'is_session_valid', 'keep_revocation'],
                     'auth: exactly these functions');
SELECT enums_are('auth', ARRAY[]::name[], 'auth: no enums');

SELECT * FROM finish();
ROLLBACK;
