SELECT 1 AS one, 'two' AS two, NULL AS three \gset
\echo :one :two :{?three}
SELECT 40 + 2 AS answer \gset pre_
\echo :pre_answer
SELECT 'again' \g
\g
SELECT format('CREATE TABLE gexec_%s (a int)', n) FROM generate_series(1, 2) n \gexec
SELECT count(*) FROM pg_class WHERE relname LIKE 'gexec_%';
\set ON_ERROR_STOP 1
