CREATE TABLE last_one (a int);
INSERT INTO last_one VALUES (42);
SELECT a FROM last_one
