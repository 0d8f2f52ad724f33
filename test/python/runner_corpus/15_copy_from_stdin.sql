CREATE TABLE c (id int, txt text, note text);
COPY c (id, txt, note) FROM stdin;
1	plain	\N
2	with\ttab	back\\slash
3	new\nline	semi;colon
4		empty string
\.
SELECT id, txt IS NULL, coalesce(note, '<null>'), length(txt) FROM c ORDER BY id;
COPY c FROM STDIN;
5	after	second copy
\.
SELECT count(*) FROM c;
