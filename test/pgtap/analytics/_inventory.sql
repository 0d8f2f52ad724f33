-- pgTAP: analytics — exactly these objects (an unexpected one fails). Later changes adding to
-- analytics extend these lists.
BEGIN;
SELECT plan(7);

SELECT tables_are('analytics', ARRAY[]::name[], 'analytics: tables');
SELECT views_are('analytics', ARRAY[]::name[], 'analytics: views');
SELECT materialized_views_are('analytics', ARRAY[]::name[], 'analytics: materialized views');
SELECT functions_are('analytics', ARRAY[]::name[], 'analytics: functions');
SELECT enums_are('analytics', ARRAY[]::name[], 'analytics: enums');
SELECT domains_are('analytics', ARRAY[]::name[], 'analytics: domains');
SELECT sequences_are('analytics', ARRAY[]::name[], 'analytics: sequences');

SELECT * FROM finish();
ROLLBACK;
