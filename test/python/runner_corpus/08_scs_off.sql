SET standard_conforming_strings = off;
CREATE TABLE t (v text);
INSERT INTO t VALUES ('with \' quote; and semicolon');
INSERT INTO t VALUES ('double \\ backslash');
SELECT v FROM t ORDER BY v;
SET standard_conforming_strings = on;
INSERT INTO t VALUES ('back to \ standard');
SELECT count(*) FROM t;
