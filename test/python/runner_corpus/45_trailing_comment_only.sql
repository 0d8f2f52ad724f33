CREATE TABLE tc (a int);
INSERT INTO tc VALUES (1);
/* nothing after this comment */
