-- pgTAP: audit — exactly these objects (an unexpected one fails). audit.logs' monthly
-- partitions (logs_pYYYY_MM) come and go with time, so they are matched by name pattern.
BEGIN;
SELECT plan(13);

SELECT tables_are('audit', ARRAY['logs', 'system_events']
                  || ARRAY(SELECT c.relname FROM pg_catalog.pg_inherits AS i JOIN pg_catalog.pg_class AS c ON c.oid = i.inhrelid
                            WHERE i.inhparent = 'audit.logs'::regclass AND c.relname ~ '^logs_(p[0-9]{4}_[0-9]{2}|default)$'),
                  'audit: tables (logs, its monthly and DEFAULT partitions, system_events)');
SELECT views_are('audit', ARRAY[]::name[], 'audit: views');
SELECT materialized_views_are('audit', ARRAY[]::name[], 'audit: materialized views');
SELECT functions_are('audit', ARRAY['capture', 'capture_statement', 'record_pk', 'enable_tracking', 'disable_tracking'], 'audit: functions');
SELECT enums_are('audit', ARRAY['operation', 'severity'], 'audit: enums');
SELECT domains_are('audit', ARRAY[]::name[], 'audit: domains');
SELECT sequences_are('audit', ARRAY['logs_id_seq', 'system_events_id_seq'], 'audit: sequences');
SELECT indexes_are('audit', 'logs', ARRAY['logs_logged_at_brin'], 'audit.logs: indexes');
SELECT indexes_are('audit', 'system_events', ARRAY['system_events_pkey', 'system_events_created_at_brin', 'system_events_event_type_idx',
                                         'system_events_severity_created_at_idx'],
                   'audit.system_events: indexes');
SELECT triggers_are('audit', 'logs', ARRAY[]::name[], 'audit.logs: triggers');
SELECT triggers_are('audit', 'system_events', ARRAY[]::name[], 'audit.system_events: triggers');
SELECT policies_are('audit', 'logs', ARRAY[]::name[], 'audit.logs: policies');
SELECT policies_are('audit', 'system_events', ARRAY[]::name[], 'audit.system_events: policies');

SELECT * FROM finish();
ROLLBACK;
