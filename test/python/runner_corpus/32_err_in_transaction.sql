-- expect-error: 23502
CREATE TABLE outside (a int NOT NULL);
BEGIN;
CREATE TABLE inside (a int);
INSERT INTO outside VALUES (1);
INSERT INTO outside VALUES (NULL);
COMMIT;
