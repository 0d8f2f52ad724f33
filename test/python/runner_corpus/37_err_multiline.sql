-- expect-error: 42P01
CREATE TABLE fine (a int);
SELECT a,
       b
  FROM fine
  JOIN absent USING (a)
;
