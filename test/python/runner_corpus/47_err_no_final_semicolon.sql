-- expect-error: 42P01
CREATE TABLE made (a int);
INSERT INTO made VALUES (1);
SELECT * FROM not_made
