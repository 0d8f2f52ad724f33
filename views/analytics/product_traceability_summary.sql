-- analytics.product_traceability_summary — one row per product: checkpoints, stakeholders, trace duration.
--   Seed "Product Traceability Summary" (total checkpoints, stakeholders, trace duration). Each
--   source is aggregated in its own subquery before the join (joining checkpoints and
--   stakeholders first would multiply the counts). Created WITH NO DATA; the deploy script
--   refreshes it once, plainly; maint.refresh_materialized_views() refreshes it CONCURRENTLY
--   (unique index product_traceability_summary_product_id_key).
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write
CREATE MATERIALIZED VIEW analytics.product_traceability_summary AS
SELECT p.product_id, p.product_name, p.product_type, p.batch_number, p.manufacture_date, p.expiry_date, p.is_active,
       COALESCE(c.total_checkpoints, 0)::integer AS total_checkpoints,
       COALESCE(s.total_stakeholders, 0)::integer AS total_stakeholders,
       c.first_checkpoint_at, c.last_checkpoint_at,
       pg_catalog.round(EXTRACT(EPOCH FROM c.last_checkpoint_at - c.first_checkpoint_at) / 3600, 2)::numeric(10, 2)
           AS trace_duration_hours
  FROM trace.products AS p
  LEFT JOIN (SELECT k.product_id, pg_catalog.count(*) AS total_checkpoints,
                    pg_catalog.min(k."timestamp") AS first_checkpoint_at, pg_catalog.max(k."timestamp") AS last_checkpoint_at
               FROM trace.checkpoints AS k GROUP BY k.product_id) AS c ON c.product_id = p.product_id
  LEFT JOIN (SELECT t.product_id, pg_catalog.count(DISTINCT t.user_id) AS total_stakeholders
               FROM trace.stakeholders AS t WHERE t.is_active GROUP BY t.product_id) AS s ON s.product_id = p.product_id
WITH NO DATA;
