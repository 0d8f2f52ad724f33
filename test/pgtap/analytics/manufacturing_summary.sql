-- pgTAP: analytics/manufacturing_summary — the materialized view analytics.manufacturing_summary,
-- values checked by hand on a small fixture, its unique index, registration and concurrent refresh.
BEGIN;
SELECT plan(12);

SELECT tests.view_conventions('analytics.manufacturing_summary', ARRAY['chain_analytics', 'chain_app', 'chain_readonly']);  -- 6: owner, comments, read path, readers, read-only
SELECT is((SELECT indisunique AND indpred IS NULL AND indexprs IS NULL FROM pg_catalog.pg_index
            WHERE indexrelid = 'analytics.manufacturing_summary_status_key'::regclass), true,
          'analytics.manufacturing_summary.manufacturing_summary_status_key: unique on a plain column, no WHERE');
SELECT results_eq($$SELECT cadence FROM maint.matview_schedule WHERE matview = 'analytics.manufacturing_summary'::regclass$$,
                  $$VALUES (interval '30 minutes')$$, 'analytics.manufacturing_summary: registered in maint.matview_schedule, every 30 minutes');
-- REFRESH reads as chain_owner, whom FORCE ROW LEVEL SECURITY binds: the tables the view reads have their
-- <table>_select_owner policy from core.enable_backend_access (one helper owns them)
SELECT is((SELECT pg_catalog.count(*)::int FROM pg_catalog.pg_policy
            WHERE polname LIKE '%\_select\_owner' AND polrelid = ANY (ARRAY['manufacturing.orders'::regclass, 'manufacturing.milestones'::regclass,
                                                                         'manufacturing.quality_assurance'::regclass])),
          3, 'analytics.manufacturing_summary: every table it reads lets chain_owner (who refreshes it) read');

-- fixture: two delivered orders (lead times 10 and 20 days), one in production with milestones and
-- two inspections, one draft
CREATE TEMP TABLE ids ON COMMIT DROP AS SELECT tests.create_user() AS c, tests.create_user() AS m;
INSERT INTO manufacturing.orders (customer_id, manufacturer_id, title, quantity, total_amount, status, created_at)
SELECT c, m, t, 1, amount, status::manufacturing.order_status, pg_catalog.now() - age
  FROM ids, (VALUES ('D1', 1000, 'delivered', interval '10 days'), ('D2', 3000, 'delivered', interval '20 days'),
                    ('P1', 500, 'in_production', interval '5 days'), ('R1', 70, 'draft', interval '1 day')) AS v (t, amount, status, age);
-- a delivered order's last update is its delivery: "now" here
UPDATE manufacturing.orders SET quantity = 2 WHERE title IN ('D1', 'D2');
INSERT INTO manufacturing.milestones (order_id, sequence_no, title, amount, status, paid_at)
SELECT o.id, v.n, 'step ' || v.n, v.amount, v.status::manufacturing.milestone_status, CASE WHEN v.status = 'paid' THEN pg_catalog.now() END
  FROM manufacturing.orders AS o, (VALUES (1, 100, 'paid'), (2, 150, 'completed'), (3, 200, 'pending')) AS v (n, amount, status)
 WHERE o.title = 'P1';
INSERT INTO manufacturing.quality_assurance (order_id, inspector_id, result, score)
SELECT o.id, i.m, v.result::manufacturing.qa_result, v.score
  FROM manufacturing.orders AS o, ids AS i, (VALUES ('passed', 90), ('failed', 40)) AS v (result, score) WHERE o.title = 'P1';
INSERT INTO manufacturing.quality_assurance (order_id, inspector_id, result, score)
SELECT o.id, i.m, 'passed', 80 FROM manufacturing.orders AS o, ids AS i WHERE o.title = 'D1';

SET LOCAL ROLE chain_owner;
REFRESH MATERIALIZED VIEW CONCURRENTLY analytics.manufacturing_summary;
RESET ROLE;
SELECT results_eq($$SELECT status::text, order_count, total_amount, milestones_total, milestones_completed, milestones_paid, paid_amount,
                           qa_inspections, qa_pass_rate, avg_qa_score, avg_lead_time_days
                      FROM analytics.manufacturing_summary AS s ORDER BY s.status$$,
                  $$VALUES ('draft', 1::bigint, 70::numeric, 0::bigint, 0::bigint, 0::bigint, 0::numeric, 0::bigint, NULL::numeric, NULL::numeric, NULL::numeric),
                           ('submitted', 0, 0, 0, 0, 0, 0, 0, NULL, NULL, NULL),
                           ('in_production', 1, 500, 3, 2, 1, 100, 2, 0.5, 65, NULL),
                           ('quality_check', 0, 0, 0, 0, 0, 0, 0, NULL, NULL, NULL),
                           ('delivered', 2, 4000, 0, 0, 0, 0, 1, 1, 80, 15),
                           ('cancelled', 0, 0, 0, 0, 0, 0, 0, NULL, NULL, NULL)$$,
                  'analytics.manufacturing_summary: values as worked out by hand (every status; milestones 3/2/1 and 100 paid; QA 1 of 2 passed, mean 65; lead time (10+20)/2 days)');
SELECT ok((SELECT pg_catalog.bool_and(refreshed_at = pg_catalog.now()) FROM analytics.manufacturing_summary),
          'analytics.manufacturing_summary.refreshed_at: the refresh time');
SELECT results_eq($$SELECT mode, status FROM maint.refresh_materialized_views() WHERE matview = 'analytics.manufacturing_summary'::regclass$$,
                  $$VALUES ('concurrently', 'ok')$$, 'analytics.manufacturing_summary: maint.refresh_materialized_views refreshes it CONCURRENTLY');

SELECT * FROM finish();
ROLLBACK;
