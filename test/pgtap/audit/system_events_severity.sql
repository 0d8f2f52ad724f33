-- pgTAP: audit/system_events_severity — the seed 002 severity index on audit.system_events.
BEGIN;
SELECT plan(5);

SELECT is(pg_catalog.pg_get_indexdef('audit.system_events_severity_created_at_idx'::regclass),
          'CREATE INDEX system_events_severity_created_at_idx ON audit.system_events USING btree (severity, created_at) WHERE (severity >= ''warning''::audit.severity)',
          'audit.system_events.system_events_severity_created_at_idx: definition');
SELECT ok(pg_catalog.obj_description('audit.system_events_severity_created_at_idx'::regclass, 'pg_class') IS NOT NULL,
          'audit.system_events.system_events_severity_created_at_idx: has a comment');

-- 100k events, 1 % warnings or worse: the recent serious ones come from the partial index
INSERT INTO audit.system_events (event_type, severity, source, created_at)
SELECT 'test.event', (CASE WHEN g % 100 = 0 THEN 'error' WHEN g % 100 = 1 THEN 'warning' ELSE 'info' END)::audit.severity,
       'pgtap', now() - g * interval '1 second'
  FROM pg_catalog.generate_series(1, 100000) AS g;
ANALYZE audit.system_events;
SELECT tests.uses_index($$SELECT * FROM audit.system_events WHERE severity >= 'error' AND created_at > now() - interval '1 hour'$$,
                        'audit.system_events_severity_created_at_idx',
                        'audit.system_events.system_events_severity_created_at_idx: serves recent errors');
SELECT tests.uses_index($$SELECT count(*) FROM audit.system_events WHERE severity = 'critical'$$,
                        'audit.system_events_severity_created_at_idx',
                        'audit.system_events.system_events_severity_created_at_idx: serves one severity');
SELECT is((SELECT pg_catalog.count(*)::int FROM audit.system_events WHERE severity >= 'warning' AND event_type = 'test.event'), 2000,
          'audit.system_events.system_events_severity_created_at_idx: finds every serious event');

SELECT * FROM finish();
ROLLBACK;
