-- expect-error: meta
SELECT 1 AS x WHERE false \gset
\echo never
