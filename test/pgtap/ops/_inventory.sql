-- pgTAP: ops — exactly these objects (an unexpected one fails). Later changes adding to ops
-- extend these lists.
BEGIN;
SELECT plan(9);

SELECT tables_are('ops', ARRAY['retention_policies'], 'ops: tables');
SELECT views_are('ops', ARRAY[]::name[], 'ops: views');
SELECT materialized_views_are('ops', ARRAY[]::name[], 'ops: materialized views');
SELECT functions_are('ops', ARRAY['validate_retention_policy'], 'ops: functions');
SELECT enums_are('ops', ARRAY[]::name[], 'ops: enums');
SELECT domains_are('ops', ARRAY[]::name[], 'ops: domains');
SELECT sequences_are('ops', ARRAY['retention_policies_id_seq'], 'ops: sequences');
SELECT indexes_are('ops', 'retention_policies', ARRAY['retention_policies_pkey', 'retention_policies_table_rule_key'],
                   'ops.retention_policies: indexes');
SELECT triggers_are('ops', 'retention_policies', ARRAY['retention_policies_validate', 'retention_policies_set_updated_at'],
                    'ops.retention_policies: triggers');

SELECT * FROM finish();
ROLLBACK;
