CREATE TABLE bs (a int) \; INSERT INTO bs VALUES (1) \; INSERT INTO bs VALUES (2);
SELECT 'x' \; SELECT count(*) FROM bs;
SELECT '\:notvar', 5 \:: text;
