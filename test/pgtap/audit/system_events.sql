-- pgTAP: audit/system_events — audit.system_events and the enum audit.severity.
BEGIN;
SELECT plan(42);

SELECT has_enum('audit', 'severity', 'audit.severity: exists');
SELECT enum_has_labels('audit', 'severity', ARRAY['debug', 'info', 'notice', 'warning', 'error', 'critical'],
                       'audit.severity: labels, least severe first');
SELECT ok(pg_catalog.obj_description('audit.severity'::regtype, 'pg_type') IS NOT NULL, 'audit.severity: has a comment');

SELECT has_table('audit', 'system_events', 'audit.system_events: exists');
SELECT table_owner_is('audit', 'system_events', 'chain_owner', 'audit.system_events: owned by chain_owner');
SELECT columns_are('audit', 'system_events', ARRAY['id', 'event_type', 'severity', 'source', 'data', 'created_at'],
                   'audit.system_events: exactly these columns');
SELECT col_type_is('audit', 'system_events', c, t, 'audit.system_events.' || c || ': ' || t)
  FROM (VALUES ('id', 'bigint'), ('event_type', 'text'), ('severity', 'audit.severity'), ('source', 'text'),
               ('data', 'jsonb'), ('created_at', 'timestamp with time zone')) AS v (c, t);
SELECT col_not_null('audit', 'system_events', c, 'audit.system_events.' || c || ': not null')
  FROM pg_catalog.unnest(ARRAY['id', 'event_type', 'severity', 'source', 'data', 'created_at']) AS c;
SELECT col_default_is('audit', 'system_events', 'severity', 'info', 'audit.system_events.severity: default info');
SELECT col_default_is('audit', 'system_events', 'data', '{}', 'audit.system_events.data: default {}');
SELECT col_default_is('audit', 'system_events', 'created_at', 'now()', 'audit.system_events.created_at: default now()');
SELECT ok(pg_catalog.col_description('audit.system_events'::regclass, a.attnum) IS NOT NULL,
          'audit.system_events.' || a.attname || ': has a comment')
  FROM pg_catalog.pg_attribute AS a WHERE a.attrelid = 'audit.system_events'::regclass AND a.attnum > 0 ORDER BY a.attnum;
SELECT col_is_pk('audit', 'system_events', 'id', 'audit.system_events.system_events_pkey: id');
SELECT indexes_are('audit', 'system_events', ARRAY['system_events_pkey', 'system_events_created_at_brin', 'system_events_event_type_idx',
                                         'system_events_severity_created_at_idx'],
                   'audit.system_events: exactly these indexes');
SELECT is((SELECT am.amname::text FROM pg_catalog.pg_class AS c JOIN pg_catalog.pg_am AS am ON am.oid = c.relam
            WHERE c.oid = 'audit.system_events_created_at_brin'::regclass), 'brin',
          'audit.system_events.system_events_created_at_brin: a BRIN index');
SELECT has_index('audit', 'system_events', 'system_events_event_type_idx', ARRAY['event_type', 'created_at'],
                 'audit.system_events.system_events_event_type_idx: (event_type, created_at)');
SELECT triggers_are('audit', 'system_events', ARRAY[]::text[], 'audit.system_events: no triggers');
SELECT policies_are('audit', 'system_events', ARRAY[]::text[], 'audit.system_events: no policies');
SELECT table_privs_are('audit', 'system_events', 'chain_auditor', ARRAY['SELECT'], 'audit.system_events: chain_auditor may read');
SELECT table_privs_are('audit', 'system_events', 'chain_app', ARRAY['INSERT'], 'audit.system_events: chain_app may only insert');
SELECT table_privs_are('audit', 'system_events', 'public', ARRAY[]::text[], 'audit.system_events: PUBLIC has nothing');

SELECT throws_ok($$INSERT INTO audit.system_events (event_type, source) VALUES ('Bad Type', 'test')$$, '23514', NULL,
                 'audit.system_events.system_events_event_type_check: rejects a malformed event type');
SELECT throws_ok($$INSERT INTO audit.system_events (event_type, source) VALUES ('deploy.done', '')$$, '23514', NULL,
                 'audit.system_events.system_events_source_check: rejects an empty source');
SELECT throws_ok($$INSERT INTO audit.system_events (event_type, source, severity) VALUES ('deploy.done', 'test', 'fatal')$$,
                 '22P02', NULL, 'audit.system_events.severity: rejects an unknown severity');
SELECT throws_ok($$INSERT INTO audit.system_events (event_type, source, data) VALUES ('deploy.done', 'test', '[1]')$$,
                 '23514', NULL, 'audit.system_events.system_events_data_check: rejects a non-object');
SELECT tests.act_as_role('chain_app');
SELECT lives_ok($$INSERT INTO audit.system_events (event_type, source, severity) VALUES ('deploy.done', 'test', 'notice')$$,
                'audit.system_events: chain_app records an event');
SELECT throws_ok($$SELECT * FROM audit.system_events$$, '42501', NULL, 'audit.system_events: chain_app cannot read events');
SELECT tests.reset_role();

SELECT * FROM finish();
ROLLBACK;
