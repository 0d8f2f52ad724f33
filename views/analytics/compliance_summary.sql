-- analytics.compliance_summary — one row per product: certifications and compliance score.
--   Seed "Compliance Summary" (total certifications, compliance score). Certifications and checks
--   are aggregated in their own subqueries before the join. valid_certifications counts the
--   certificates current at refresh time (is_valid, issued, not expired:
--   compliance.is_certification_current). compliance_score = round(100 × passed / all checks, 2),
--   NULL without checks. Unique index compliance_summary_product_id_key.
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write
CREATE MATERIALIZED VIEW analytics.compliance_summary AS
SELECT p.product_id, p.product_name, p.batch_number,
       COALESCE(ce.total_certifications, 0)::integer AS total_certifications,
       COALESCE(ce.valid_certifications, 0)::integer AS valid_certifications,
       COALESCE(ch.total_compliance_checks, 0)::integer AS total_compliance_checks,
       COALESCE(ch.passed_checks, 0)::integer AS passed_checks,
       pg_catalog.round(100.0 * ch.passed_checks / NULLIF(ch.total_compliance_checks, 0), 2)::numeric(5, 2) AS compliance_score
  FROM trace.products AS p
  LEFT JOIN (SELECT c.product_id, pg_catalog.count(*) AS total_certifications,
                    pg_catalog.count(*) FILTER (WHERE compliance.is_certification_current(c)) AS valid_certifications
               FROM compliance.certifications AS c GROUP BY c.product_id) AS ce ON ce.product_id = p.product_id
  LEFT JOIN (SELECT k.product_id, pg_catalog.count(*) AS total_compliance_checks,
                    pg_catalog.count(*) FILTER (WHERE k.compliance_status = 'passed') AS passed_checks
               FROM compliance.checkpoint_checks AS k GROUP BY k.product_id) AS ch ON ch.product_id = p.product_id
WITH NO DATA;
