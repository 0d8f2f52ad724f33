CREATE TABLE src (a int);
CREATE TABLE audit (what text);
CREATE RULE src_ins AS ON INSERT TO src DO ALSO (
    INSERT INTO audit VALUES ('one');
    INSERT INTO audit VALUES ('two')
);
INSERT INTO src VALUES (1);
SELECT what FROM audit ORDER BY what;
