CREATE TABLE counter (n int);
CREATE FUNCTION bump() RETURNS int LANGUAGE sql
BEGIN ATOMIC
    INSERT INTO counter VALUES (1);
    SELECT CASE WHEN count(*) > 0 THEN count(*)::int ELSE 0 END FROM counter;
END;
CREATE OR REPLACE PROCEDURE twice()
LANGUAGE sql
BEGIN ATOMIC
    INSERT INTO counter VALUES (2);
    INSERT INTO counter VALUES (3);
END;
SELECT bump();
CALL twice();
SELECT sum(n) FROM counter;
