-- Verify chaindb:analytics/manufacturing_summary on pg

BEGIN;
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SELECT status, order_count, total_amount, milestones_total, milestones_completed, milestones_paid, paid_amount,
       qa_inspections, qa_pass_rate, avg_qa_score, avg_lead_time_days, refreshed_at
  FROM analytics.manufacturing_summary WHERE FALSE;
SELECT 1 / pg_catalog.count(*) FROM pg_catalog.pg_index
 WHERE indexrelid = 'analytics.manufacturing_summary_status_key'::regclass AND indisunique AND indpred IS NULL;
SELECT 1 / pg_catalog.count(*) FROM maint.matview_schedule WHERE matview = 'analytics.manufacturing_summary'::regclass;

ROLLBACK;
