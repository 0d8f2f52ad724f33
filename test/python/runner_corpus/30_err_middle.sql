-- expect-error: 42703
CREATE TABLE kept (a int);
INSERT INTO kept VALUES (1);
SELECT a FROM kept;
SELECT nope FROM kept;
CREATE TABLE never (a int);
