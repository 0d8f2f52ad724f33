CREATE TABLE "we;ird ""table""" ("col;1" int, "Mixed Case" text);
INSERT INTO "we;ird ""table""" VALUES (1, 'x;y');
SELECT "col;1", "Mixed Case" FROM "we;ird ""table""";
CREATE VIEW "v$1" AS SELECT "col;1" AS ";" FROM "we;ird ""table""";
SELECT ";" FROM "v$1";
