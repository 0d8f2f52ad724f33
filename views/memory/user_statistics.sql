-- memory.user_statistics — per-wallet minting statistics. Each source is grouped by wallet in
-- its own subquery and LEFT JOINed to the set of wallets (no FULL JOIN), so WHERE owner_address =
-- … is pushed into every branch and served by the owner indexes of assets, batches and
-- cost_tracking. security_invoker: an end user sees its own row.
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

CREATE VIEW memory.user_statistics WITH (security_invoker = true) AS
SELECT w.owner_address,
       COALESCE(a.total_assets, 0) AS total_assets,
       COALESCE(a.active_assets, 0) AS active_assets,
       COALESCE(b.total_batches, 0) AS total_batches,
       a.first_mint_at,
       a.last_mint_at,
       COALESCE(a.batched_mints, 0) AS batched_mints,
       COALESCE(a.unique_agents, 0) AS unique_agents,
       COALESCE(c.total_cost_lamports, 0) AS total_cost_lamports
  FROM (SELECT x.owner_address FROM memory.assets AS x
        UNION
        SELECT y.owner_address FROM memory.batches AS y
        UNION
        SELECT z.wallet_address FROM memory.cost_tracking AS z) AS w (owner_address)
  LEFT JOIN (SELECT x.owner_address,
                    pg_catalog.count(*) AS total_assets,
                    pg_catalog.count(*) FILTER (WHERE x.burned_at IS NULL) AS active_assets,
                    pg_catalog.min(x.created_at) AS first_mint_at,
                    pg_catalog.max(x.created_at) AS last_mint_at,
                    pg_catalog.count(x.batch_id) AS batched_mints,
                    pg_catalog.count(DISTINCT x.agent_id) AS unique_agents
               FROM memory.assets AS x GROUP BY x.owner_address) AS a ON a.owner_address = w.owner_address
  LEFT JOIN (SELECT y.owner_address, pg_catalog.count(*) AS total_batches
               FROM memory.batches AS y GROUP BY y.owner_address) AS b ON b.owner_address = w.owner_address
  LEFT JOIN (SELECT z.wallet_address, pg_catalog.sum(z.total_cost_lamports) AS total_cost_lamports
               FROM memory.cost_tracking AS z GROUP BY z.wallet_address) AS c ON c.wallet_address = w.owner_address;
COMMENT ON VIEW memory.user_statistics IS 'Per-wallet minting statistics [seed: user_statistics]; one row per wallet with assets, batches or costs; security_invoker.';
COMMENT ON COLUMN memory.user_statistics.owner_address IS 'The wallet.';
COMMENT ON COLUMN memory.user_statistics.total_assets IS 'Assets it owns (burned included).';
COMMENT ON COLUMN memory.user_statistics.active_assets IS 'Assets it owns that are not burned.';
COMMENT ON COLUMN memory.user_statistics.total_batches IS 'Batches it minted.';
COMMENT ON COLUMN memory.user_statistics.first_mint_at IS 'Creation time of its oldest asset.';
COMMENT ON COLUMN memory.user_statistics.last_mint_at IS 'Creation time of its newest asset.';
COMMENT ON COLUMN memory.user_statistics.batched_mints IS 'Its assets minted in a batch.';
COMMENT ON COLUMN memory.user_statistics.unique_agents IS 'Distinct agents among its assets.';
COMMENT ON COLUMN memory.user_statistics.total_cost_lamports IS 'Sum of its recorded Solana costs in lamports (memory.cost_tracking).';
-- read-only: the schema's default privileges gave chain_app DML
REVOKE INSERT, UPDATE, DELETE ON memory.user_statistics FROM chain_app;
GRANT SELECT ON memory.user_statistics TO chain_app, chain_user, chain_readonly;
