-- pgTAP: maint — exactly these objects (an unexpected one fails). Later changes adding to
-- maint extend these lists.
BEGIN;
SELECT plan(6);

SELECT tables_are('maint', ARRAY['matview_schedule'], 'maint: tables');
SELECT views_are('maint', ARRAY[]::name[], 'maint: views');
SELECT functions_are('maint', ARRAY['ensure_partitions', 'drop_partitions_older_than', 'validate_matview_schedule'], 'maint: functions');
SELECT enums_are('maint', ARRAY[]::name[], 'maint: enums');
SELECT domains_are('maint', ARRAY[]::name[], 'maint: domains');
SELECT sequences_are('maint', ARRAY[]::name[], 'maint: sequences');

SELECT * FROM finish();
ROLLBACK;
