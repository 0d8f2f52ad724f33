-- expect-error: 23514
CREATE TABLE ck (n int CONSTRAINT positive CHECK (n > 0));
INSERT INTO ck VALUES (1);
INSERT INTO ck
VALUES (-1);
