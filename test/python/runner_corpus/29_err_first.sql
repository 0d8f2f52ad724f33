-- expect-error: 42P01
SELECT * FROM missing_table;
CREATE TABLE never (a int);
