-- expect-error: 42601
CREATE TABLE fine (a int);
SELECT a,
       b
  FROM fine
 WHERE a = = 1;
