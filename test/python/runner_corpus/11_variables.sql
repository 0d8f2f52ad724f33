\set greeting 'hello world'
\set n 4
\set joined a 'b c' "d" e
\set empty
\echo :greeting :n :joined [:empty]
SELECT :n * 2, :'greeting', :'joined';
CREATE TABLE :"greeting" (x int);
INSERT INTO :"greeting" VALUES (:n);
SELECT x FROM "hello world";
SELECT :{?greeting}, :{?missing};
\unset greeting
SELECT :{?greeting};
SELECT (ARRAY[10,20,30,40])[2:3], 7::text;
\set tbl numbers
CREATE TABLE :tbl (v int);
INSERT INTO :tbl SELECT generate_series(1, :n);
SELECT sum(v) FROM numbers;
