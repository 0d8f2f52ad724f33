CREATE TABLE s (id int, v text);
INSERT INTO s VALUES (1, E'it\'s; escaped');
INSERT INTO s VALUES (2, E'back\\slash\\');
INSERT INTO s VALUES (3, e'tab\there ''doubled''; \x41\101');
INSERT INTO s VALUES (4, 'plain \ backslash');
SELECT id, v FROM s ORDER BY id;
SELECT length(E'\n'), E'\'' = '''';
