-- analytics.manufacturing_summary — The Construct's manufacturing endpoint (GET
-- /api/analytics/manufacturing, seed 000; cached 30 minutes there: refreshed every 30 minutes here).
-- One row per manufacturing.order_status value (all six, zeros where no order has it):
--   order_count, total_amount                          orders in that status and their value
--   milestones_total / _completed / _paid, paid_amount payment milestones of those orders (completed
--                                                      counts completed and paid ones) and what was paid
--   qa_inspections, qa_pass_rate, avg_qa_score         inspections of those orders, the passed share
--                                                      (passed / all, NULL without one), mean score
--   avg_lead_time_days                                 delivered orders only: created_at → the order's
--                                                      last update, which is its delivery (delivered is
--                                                      final), in days, 2 decimals
--   refreshed_at                                       when the view was last refreshed
-- Grouped by status rather than by manufacturer: the endpoint is the platform's production
-- pipeline. Unique index on status. Refreshed as chain_owner, who reads the manufacturing tables
-- through their <table>_select_owner policies (core.enable_backend_access; not created here).
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

CREATE MATERIALIZED VIEW analytics.manufacturing_summary AS
SELECT s.status,
       COALESCE(o.order_count, 0) AS order_count,
       COALESCE(o.total_amount, 0) AS total_amount,
       COALESCE(m.milestones_total, 0) AS milestones_total,
       COALESCE(m.milestones_completed, 0) AS milestones_completed,
       COALESCE(m.milestones_paid, 0) AS milestones_paid,
       COALESCE(m.paid_amount, 0) AS paid_amount,
       COALESCE(q.qa_inspections, 0) AS qa_inspections,
       q.qa_pass_rate,
       q.avg_qa_score,
       o.avg_lead_time_days,
       pg_catalog.now() AS refreshed_at
  FROM pg_catalog.unnest(pg_catalog.enum_range(NULL::manufacturing.order_status)) AS s (status)
  LEFT JOIN (SELECT r.status, pg_catalog.count(*) AS order_count, pg_catalog.sum(r.total_amount) AS total_amount,
                    pg_catalog.round(pg_catalog.avg(pg_catalog.date_part('epoch', r.updated_at - r.created_at) / 86400)
                                         FILTER (WHERE r.status = 'delivered')::numeric, 2) AS avg_lead_time_days
               FROM manufacturing.orders AS r GROUP BY r.status) AS o ON o.status = s.status
  LEFT JOIN (SELECT r.status, pg_catalog.count(*) AS milestones_total,
                    pg_catalog.count(*) FILTER (WHERE x.status IN ('completed', 'paid')) AS milestones_completed,
                    pg_catalog.count(*) FILTER (WHERE x.status = 'paid') AS milestones_paid,
                    pg_catalog.sum(x.amount) FILTER (WHERE x.status = 'paid') AS paid_amount
               FROM manufacturing.milestones AS x JOIN manufacturing.orders AS r ON r.id = x.order_id
              GROUP BY r.status) AS m ON m.status = s.status
  LEFT JOIN (SELECT r.status, pg_catalog.count(*) AS qa_inspections,
                    pg_catalog.round(pg_catalog.avg(CASE WHEN x.result = 'passed' THEN 1 ELSE 0 END), 4) AS qa_pass_rate,
                    pg_catalog.round(pg_catalog.avg(x.score), 2) AS avg_qa_score
               FROM manufacturing.quality_assurance AS x JOIN manufacturing.orders AS r ON r.id = x.order_id
              GROUP BY r.status) AS q ON q.status = s.status
WITH NO DATA;
CREATE UNIQUE INDEX manufacturing_summary_status_key ON analytics.manufacturing_summary (status);

COMMENT ON MATERIALIZED VIEW analytics.manufacturing_summary IS 'The Construct''s manufacturing endpoint (seed 000 GET /api/analytics/manufacturing, 30-minute cache): per order status, orders and value, payment milestones, QA pass rate and score, lead time of delivered orders. Refreshed every 30 minutes (maint.matview_schedule).';
COMMENT ON COLUMN analytics.manufacturing_summary.status IS 'The manufacturing order status (every value of manufacturing.order_status); unique.';
COMMENT ON COLUMN analytics.manufacturing_summary.order_count IS 'Orders in that status.';
COMMENT ON COLUMN analytics.manufacturing_summary.total_amount IS 'Their summed total_amount.';
COMMENT ON COLUMN analytics.manufacturing_summary.milestones_total IS 'Payment milestones of those orders.';
COMMENT ON COLUMN analytics.manufacturing_summary.milestones_completed IS 'Of which completed or paid.';
COMMENT ON COLUMN analytics.manufacturing_summary.milestones_paid IS 'Of which paid.';
COMMENT ON COLUMN analytics.manufacturing_summary.paid_amount IS 'Summed amount of the paid milestones.';
COMMENT ON COLUMN analytics.manufacturing_summary.qa_inspections IS 'Quality inspections of those orders.';
COMMENT ON COLUMN analytics.manufacturing_summary.qa_pass_rate IS 'Passed inspections / all inspections (4 decimals); NULL without inspections.';
COMMENT ON COLUMN analytics.manufacturing_summary.avg_qa_score IS 'Mean inspection score (2 decimals); NULL without inspections.';
COMMENT ON COLUMN analytics.manufacturing_summary.avg_lead_time_days IS 'delivered only: mean days from creation to delivery (the last update of a delivered order), 2 decimals.';
COMMENT ON COLUMN analytics.manufacturing_summary.refreshed_at IS 'When the view was refreshed: the age of every other column.';
COMMENT ON INDEX analytics.manufacturing_summary_status_key IS 'One row per status; lets maint.refresh_materialized_views refresh CONCURRENTLY.';
