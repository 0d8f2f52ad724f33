-- Values in PostgreSQL's text output form, unaligned, tuples only.
SELECT 1, 'text', NULL, true, false;
SELECT 1.50::numeric, 2.5::float8, ARRAY[1,2,3], '{"a": [1, 2]}'::jsonb;
SELECT DATE '2024-02-29', TIME '13:45:00', INTERVAL '1 day 02:03:04', '\x0102ff'::bytea;
SELECT ROW(1, 'a b', NULL), 'tab	in|pipe';
SELECT g FROM generate_series(1, 3) AS g;
SELECT WHERE false;
