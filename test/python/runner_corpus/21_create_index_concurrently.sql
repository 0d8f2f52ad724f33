CREATE TABLE big (id int, v text);
INSERT INTO big SELECT g, 'v' || g FROM generate_series(1, 100) g;
CREATE INDEX CONCURRENTLY big_v_idx ON big (v);
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS big_id_idx ON big (id);
SELECT indexname FROM pg_indexes WHERE tablename = 'big' ORDER BY indexname;
