CREATE TABLE chain (step text);
INSERT INTO chain VALUES ('a');
\ir b.sql
INSERT INTO chain VALUES ('a again');
