-- pgTAP: archive — exactly these objects (an unexpected one fails). Later changes adding to
-- archive extend these lists.
BEGIN;
SELECT plan(6);

SELECT tables_are('archive', ARRAY[]::name[], 'archive: tables');
SELECT views_are('archive', ARRAY[]::name[], 'archive: views');
SELECT functions_are('archive', ARRAY[]::name[], 'archive: functions');
SELECT enums_are('archive', ARRAY[]::name[], 'archive: enums');
SELECT domains_are('archive', ARRAY[]::name[], 'archive: domains');
SELECT sequences_are('archive', ARRAY[]::name[], 'archive: sequences');

SELECT * FROM finish();
ROLLBACK;
