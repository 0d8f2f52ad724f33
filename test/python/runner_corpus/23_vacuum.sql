CREATE TABLE vac (a int);
INSERT INTO vac SELECT generate_series(1, 10);
VACUUM ANALYZE vac;
VACUUM;
SELECT count(*) FROM vac;
