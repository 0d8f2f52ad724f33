-- expect-error: 22P02
CREATE TABLE nums (n int);
COPY nums FROM stdin;
1
2
three
\.
SELECT count(*) FROM nums;
