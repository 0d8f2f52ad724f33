INSERT INTO from_main VALUES ('included');

SELECT no_such_function();
INSERT INTO from_main VALUES ('never');
