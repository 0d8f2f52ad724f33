\ir inc/chain/a.sql
SELECT step FROM chain ORDER BY step;
