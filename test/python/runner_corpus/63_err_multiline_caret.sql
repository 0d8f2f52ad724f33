-- expect-error: 42703
CREATE TABLE wide (a int, b text);
INSERT INTO wide (a, b)
VALUES (1, 'one'),
       (2, 'two');
SELECT a,
	b,
	not_a_column,
	'tab before'
  FROM wide;
