-- analytics.user_activity_summary — one row per user: products, checkpoints, trace points, tokens.
--   Seed "User Activity Summary" (total products, checkpoints, trace points, tokens). Every source
--   is aggregated per user in its own subquery and only then joined (the upstream version joined
--   four one-to-many tables and summed, multiplying the totals). Tokens: confirmed token
--   transactions only. last_activity_at: the latest product registration, checkpoint recorded,
--   points earned or transaction recorded. Unique index user_activity_summary_user_id_key.
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write
CREATE MATERIALIZED VIEW analytics.user_activity_summary AS
SELECT u.id AS user_id, u.tier,
       COALESCE(p.total_products, 0)::integer AS total_products,
       COALESCE(c.total_checkpoints, 0)::integer AS total_checkpoints,
       COALESCE(tp.total_trace_points, 0)::bigint AS total_trace_points,
       COALESCE(tx.total_trace_tokens, 0)::numeric(36, 18) AS total_trace_tokens,
       GREATEST(p.last_at, c.last_at, tp.last_at, tx.last_at) AS last_activity_at
  FROM core.users AS u
  LEFT JOIN (SELECT x.manufacturer_id AS user_id, pg_catalog.count(*) AS total_products, pg_catalog.max(x.created_at) AS last_at
               FROM trace.products AS x GROUP BY x.manufacturer_id) AS p ON p.user_id = u.id
  LEFT JOIN (SELECT s.user_id, pg_catalog.count(*) AS total_checkpoints, pg_catalog.max(k.created_at) AS last_at
               FROM trace.checkpoints AS k JOIN trace.stakeholders AS s ON s.id = k.stakeholder_id
              GROUP BY s.user_id) AS c ON c.user_id = u.id
  LEFT JOIN (SELECT t.user_id, pg_catalog.sum(t.points) AS total_trace_points, pg_catalog.max(t.created_at) AS last_at
               FROM token.trace_points AS t GROUP BY t.user_id) AS tp ON tp.user_id = u.id
  LEFT JOIN (SELECT t.user_id, pg_catalog.sum(t.amount) FILTER (WHERE t.status = 'confirmed') AS total_trace_tokens,
                    pg_catalog.max(t.created_at) AS last_at
               FROM token.transactions AS t GROUP BY t.user_id) AS tx ON tx.user_id = u.id
WITH NO DATA;
