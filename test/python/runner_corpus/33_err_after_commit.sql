-- expect-error: 42601
BEGIN;
CREATE TABLE committed (a int);
INSERT INTO committed VALUES (1);
COMMIT;
BEGIN;
INSERT INTO committed VALUES (2);
CREATE TABLE lost (a int);
SELEC 1;
COMMIT;
