CREATE TABLE csv (a int, b text, c text);
COPY csv FROM stdin WITH (FORMAT csv, HEADER true);
a,b,c
1,"comma, inside","quote "" inside"
2,,"multi; semicolon"
\.
SELECT a, b IS NULL, c FROM csv ORDER BY a;
COPY (SELECT a, c FROM csv ORDER BY a) TO STDOUT WITH (FORMAT csv);
COPY csv TO stdout;
